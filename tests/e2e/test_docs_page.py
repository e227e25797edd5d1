"""``/docs`` through Envoy in headless Chromium: Swagger UI renders the generated document."""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.support.envoy import EnvoyProcess

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed: `make chromium`"),
]


def _chromium(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--hide-scrollbars", "--virtual-time-budget=15000", f"--user-data-dir={cwd / 'profile'}",
         *args],
        capture_output=True, text=True, timeout=120, cwd=cwd,
    )  # fmt: skip


def test_docs_page_and_assets_are_served(envoy: EnvoyProcess) -> None:
    page = httpx.get(f"{envoy.base_url}/docs", timeout=10)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    bundle = httpx.get(f"{envoy.base_url}/docs/swagger-ui-bundle.js", timeout=10)
    assert bundle.status_code == 200
    assert len(bundle.content) > 1_000_000
    assert bundle.headers["content-type"] == "application/javascript"


def test_docs_page_renders_every_route_in_chromium(envoy: EnvoyProcess, tmp_path: Path) -> None:
    url = f"{envoy.base_url}/docs"
    dom = _chromium("--dump-dom", url, cwd=tmp_path)
    assert dom.returncode == 0, dom.stderr[-2000:]
    document = json.loads((ROOT / "gen" / "openapi.json").read_text())
    assert 'class="swagger-ui' in dom.stdout
    assert "CloudAct API" in dom.stdout
    # Swagger UI lists each operation's path (word breaks inserted after slashes).
    rendered = dom.stdout.replace("\u200b", "").replace("<wbr>", "")
    missing = [path for path in document["paths"] if f">{path}<" not in rendered]
    assert missing == []

    shot = tmp_path / "docs.png"
    taken = _chromium(f"--screenshot={shot}", "--window-size=1280,1600", url, cwd=tmp_path)
    assert taken.returncode == 0, taken.stderr[-2000:]
    header = shot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1280, 1600)
    assert shot.stat().st_size > 20_000  # a blank page compresses to a few kB
    shutil.copy(shot, ROOT / "build" / "docs-screenshot.png")  # for a person to look at
