"""The operator commands' own errors (`cloudact`, `make demo`) say what to do next."""

from __future__ import annotations

from pathlib import Path

import pytest

from cloudact_grpc.cli.__main__ import main
from cloudact_grpc.demo.__main__ import main as demo_main
from tests.support.ports import free_port


@pytest.fixture
def no_root_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No ``CA_ROOT_API_KEY`` and a data directory without ``root-key``."""
    monkeypatch.delenv("CA_ROOT_API_KEY", raising=False)
    monkeypatch.delenv("CLOUDACT_ROOT_KEY_FILE", raising=False)
    monkeypatch.setenv("CLOUDACT_DATA_DIR", str(tmp_path))
    return tmp_path


def test_a_missing_root_key_says_where_to_get_one(
    no_root_key: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["quota", "acme"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cloudact: no root key: set CA_ROOT_API_KEY, or run from the directory")
    assert f"`make run` wrote {no_root_key / 'root-key'}" in err
    assert "CLOUDACT_ROOT_KEY_FILE" in err


def test_no_server_at_the_target_says_which_target_and_how_to_choose_one(
    no_root_key: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (no_root_key / "root-key").write_text("k" * 32)
    target = f"127.0.0.1:{free_port()}"
    assert main(["--grpc", target, "--timeout", "5", "quota", "acme"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("cloudact quota: UNAVAILABLE: ")
    assert f"(is the server running at {target}? choose it with --grpc HOST:PORT" in err


def test_help_says_where_the_key_and_server_come_from(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "--grpc HOST:PORT the server's gRPC listener (default: 127.0.0.1:" in text
    assert "The root key is CA_ROOT_API_KEY, else the file make run wrote" in text
    assert (
        "Exit status: 0 done, 1 refused by the server or no server at --grpc, 2 bad usage" in text
    )


def test_make_demo_without_a_running_stack_says_to_start_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CA_ROOT_API_KEY", "k" * 32)
    url = f"http://127.0.0.1:{free_port()}"
    assert demo_main(["--url", url, "--grpc", f"127.0.0.1:{free_port()}"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"make demo failed: no answer from {url} (")
    assert "start `make run` first (or pass --url and --grpc" in err
