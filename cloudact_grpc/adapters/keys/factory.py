"""Pick the key manager from settings: Cloud KMS when KMS_KEY_NAME is set, else local keys."""

from __future__ import annotations

from google.auth.exceptions import DefaultCredentialsError

from cloudact_grpc.adapters.keys.cloud_kms import KEY_NAME, CloudKmsKeyManager, build_kms_client
from cloudact_grpc.adapters.keys.local_master_key import LocalKeyManager, LocalMasterKeyError
from cloudact_grpc.config import ConfigError, Environment, Settings
from cloudact_grpc.ports.keys import KeyManager


def build_key_manager(settings: Settings) -> KeyManager:
    """Cloud KMS, local keys from CLOUDACT_MASTER_KEYS, or the local key file (not production).

    A setting that cannot be used is a ``ConfigError`` naming its variable.
    """
    if settings.kms_key_name:
        return _cloud_kms(settings.kms_key_name, settings.kms_endpoint)
    if settings.master_keys:
        try:
            return LocalKeyManager.from_env(settings.master_keys)
        except LocalMasterKeyError as exc:
            raise ConfigError(f"CLOUDACT_MASTER_KEYS: {exc}") from None
    if settings.environment is Environment.PRODUCTION:
        raise ConfigError("production needs KMS_KEY_NAME or CLOUDACT_MASTER_KEYS")
    try:
        return LocalKeyManager.from_file(settings.master_key_file)
    except LocalMasterKeyError as exc:
        raise ConfigError(f"CLOUDACT_MASTER_KEY_FILE: {exc}") from None


def _cloud_kms(key_name: str, endpoint: str | None) -> CloudKmsKeyManager:
    if not KEY_NAME.match(key_name):
        raise ConfigError(
            f"KMS_KEY_NAME must be projects/…/locations/…/keyRings/…/cryptoKeys/…, got {key_name!r}"
        )
    try:
        client = build_kms_client(endpoint)
    except DefaultCredentialsError:
        raise ConfigError(
            "KMS_KEY_NAME is set but no Google credentials were found: set "
            "GOOGLE_APPLICATION_CREDENTIALS to a service-account key file, or run where "
            "Application Default Credentials exist"
        ) from None
    return CloudKmsKeyManager(key_name, client)
