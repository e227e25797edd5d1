"""A key-manager or warehouse setting that cannot be used stops start-up naming its variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from cloudact_grpc.adapters.keys.factory import build_key_manager
from cloudact_grpc.adapters.warehouse.factory import build_warehouse
from cloudact_grpc.config import ConfigError, Settings, WarehouseKind

KEY = "projects/p/locations/global/keyRings/r/cryptoKeys/k"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"master_keys": "garbage"}, "CLOUDACT_MASTER_KEYS: master keys must look like"),
        ({"kms_key_name": "bogus"}, "KMS_KEY_NAME must be projects/…/locations/…/keyRings/…"),
        ({"kms_key_name": KEY}, "KMS_KEY_NAME is set but no Google credentials were found"),
    ],
)
def test_unusable_key_settings_name_their_variable(
    given: dict[str, str], expected: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # No Application Default Credentials: the variable points at nothing (no metadata lookup).
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(tmp_path / "none.json"))
    with pytest.raises(ConfigError, match=f"^{expected}"):
        build_key_manager(Settings(**given))  # type: ignore[arg-type]


def test_a_key_file_readable_by_others_names_its_variable(tmp_path: Path) -> None:
    path = tmp_path / "master-key.json"
    build_key_manager(Settings(master_key_file=path))  # creates it, mode 0600
    path.chmod(0o644)
    with pytest.raises(ConfigError, match=r"^CLOUDACT_MASTER_KEY_FILE: .* must not be readable"):
        build_key_manager(Settings(master_key_file=path))


def test_bigquery_without_credentials_or_emulator_says_what_to_set(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(tmp_path / "none.json"))
    with pytest.raises(ConfigError) as refused:
        build_warehouse(Settings(warehouse=WarehouseKind.BIGQUERY))
    message = str(refused.value)
    assert message.startswith("CLOUDACT_WAREHOUSE=bigquery but no Google credentials were found")
    assert "GOOGLE_APPLICATION_CREDENTIALS" in message
    assert "CLOUDACT_BIGQUERY_ENDPOINT" in message
