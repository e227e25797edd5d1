"""Pick the key manager from settings: Cloud KMS when KMS_KEY_NAME is set, else local keys."""

from __future__ import annotations

from cloudact_grpc.adapters.keys.cloud_kms import CloudKmsKeyManager, build_kms_client
from cloudact_grpc.adapters.keys.local_master_key import LocalKeyManager
from cloudact_grpc.config import ConfigError, Environment, Settings
from cloudact_grpc.ports.keys import KeyManager


def build_key_manager(settings: Settings) -> KeyManager:
    """Cloud KMS, local keys from CLOUDACT_MASTER_KEYS, or the local key file (not production)."""
    if settings.kms_key_name:
        return CloudKmsKeyManager(settings.kms_key_name, build_kms_client(settings.kms_endpoint))
    if settings.master_keys:
        return LocalKeyManager.from_env(settings.master_keys)
    if settings.environment is Environment.PRODUCTION:
        raise ConfigError("production needs KMS_KEY_NAME or CLOUDACT_MASTER_KEYS")
    return LocalKeyManager.from_file(settings.master_key_file)
