"""Cloud KMS key manager: data keys wrapped with KMS Encrypt/Decrypt (symmetric CryptoKey).

The CryptoKey version used for a wrap is the one KMS reports in the Encrypt response; Decrypt
finds the version from the ciphertext itself. CRC32C checksums are sent and verified both ways.
"""

from __future__ import annotations

import re

import google_crc32c
import grpc
from google.api_core import exceptions as gexc
from google.api_core import retry as gretry
from google.cloud import kms_v1
from google.cloud.kms_v1.services.key_management_service.transports import (
    KeyManagementServiceGrpcTransport,
)

from cloudact_grpc.domain.errors import FailedPrecondition, Unavailable
from cloudact_grpc.ports.keys import WrappedKey

KEY_NAME = re.compile(r"^projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+$")
_TIMEOUT = 10.0


def build_kms_client(endpoint: str | None) -> kms_v1.KeyManagementServiceClient:
    """The real client; ``endpoint`` (host:port) opens a plaintext channel, for local fakes only."""
    if endpoint:
        channel = grpc.insecure_channel(endpoint)
        transport = KeyManagementServiceGrpcTransport(channel=channel)
        return kms_v1.KeyManagementServiceClient(transport=transport)
    return kms_v1.KeyManagementServiceClient()


def _crc(data: bytes) -> int:
    return int(google_crc32c.value(data))


class CloudKmsKeyManager:
    """A ``KeyManager`` over one Cloud KMS CryptoKey."""

    def __init__(
        self,
        key_name: str,
        client: kms_v1.KeyManagementServiceClient,
        *,
        timeout_seconds: float = _TIMEOUT,
    ) -> None:
        if not KEY_NAME.match(key_name):
            raise ValueError("KMS_KEY_NAME must be projects/…/locations/…/keyRings/…/cryptoKeys/…")
        self._name = key_name
        self._client = client
        self._timeout = timeout_seconds
        # Retry transient errors, but never past the overall timeout.
        self._retry = gretry.Retry(
            predicate=gretry.if_exception_type(gexc.ServiceUnavailable, gexc.DeadlineExceeded),
            initial=0.1,
            maximum=1.0,
            timeout=timeout_seconds,
        )

    @property
    def key_name(self) -> str:
        """The CryptoKey resource name."""
        return self._name

    def current_version(self) -> str:
        """Number of the CryptoKey's primary version."""
        try:
            key = self._client.get_crypto_key(
                name=self._name, retry=self._retry, timeout=self._timeout
            )
        except (gexc.GoogleAPICallError, gexc.RetryError) as exc:
            raise _unavailable(exc) from None
        return key.primary.name.rsplit("/", 1)[-1]

    def wrap(self, data_key: bytes, aad: bytes) -> WrappedKey:
        """KMS Encrypt of ``data_key`` with ``aad``, integrity-checked."""
        try:
            resp = self._client.encrypt(
                request={
                    "name": self._name,
                    "plaintext": data_key,
                    "plaintext_crc32c": _crc(data_key),
                    "additional_authenticated_data": aad,
                    "additional_authenticated_data_crc32c": _crc(aad),
                },
                retry=self._retry,
                timeout=self._timeout,
            )
        except (gexc.GoogleAPICallError, gexc.RetryError) as exc:
            raise _unavailable(exc) from None
        if (
            not resp.verified_plaintext_crc32c
            or not resp.verified_additional_authenticated_data_crc32c
            or resp.ciphertext_crc32c != _crc(resp.ciphertext)
        ):
            raise Unavailable(
                "KMS Encrypt response failed its integrity check", metadata={"backend": "cloud_kms"}
            )
        return WrappedKey(self._name, resp.name.rsplit("/", 1)[-1], bytes(resp.ciphertext))

    def unwrap(self, wrapped: WrappedKey, aad: bytes) -> bytes:
        """KMS Decrypt; a wrong ``aad`` or foreign ciphertext is ``FailedPrecondition``."""
        try:
            resp = self._client.decrypt(
                request={
                    "name": self._name,
                    "ciphertext": wrapped.wrapped,
                    "ciphertext_crc32c": _crc(wrapped.wrapped),
                    "additional_authenticated_data": aad,
                    "additional_authenticated_data_crc32c": _crc(aad),
                },
                retry=self._retry,
                timeout=self._timeout,
            )
        except gexc.InvalidArgument:
            raise FailedPrecondition(
                "data_key", self._name, "unopenable", "the wrapped data key does not open"
            ) from None
        except (gexc.GoogleAPICallError, gexc.RetryError) as exc:
            raise _unavailable(exc) from None
        if resp.plaintext_crc32c != _crc(resp.plaintext):
            raise Unavailable(
                "KMS Decrypt response failed its integrity check", metadata={"backend": "cloud_kms"}
            )
        return bytes(resp.plaintext)


def _unavailable(exc: gexc.GoogleAPICallError | gexc.RetryError) -> Unavailable:
    return Unavailable(
        f"Cloud KMS call failed: {type(exc).__name__}",
        retry_after_seconds=2.0,
        metadata={"backend": "cloud_kms"},
    )
