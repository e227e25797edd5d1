"""A local stand-in for Cloud KMS (Encrypt, Decrypt, GetCryptoKey) served over plain gRPC.

google-cloud-kms ships only proto-plus types, no servicer base, so the service is mounted with a
generic handler using the protobuf classes behind those types. Each CryptoKey gets its own
AES-256-GCM key derived by HKDF; ``rotate`` moves a CryptoKey's primary to a new version, and
ciphertexts record their version so older ones keep decrypting. AAD and CRC32C fields behave
like the real service. Test infrastructure only.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterator
from concurrent import futures
from contextlib import contextmanager
from typing import Any

import google_crc32c
import grpc
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from google.cloud import kms_v1

_SERVICE = "google.cloud.kms.v1.KeyManagementService"
_KEY = re.compile(r"^projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+$")
_HEADER = b"FAKEKMS2"
_BAD = "Decryption failed: the ciphertext is invalid."


class FakeKms:
    """State of the fake: a secret and the primary version of each CryptoKey."""

    def __init__(self, secret: bytes = b"fake-kms-secret") -> None:
        self._secret = secret
        self._primary: dict[str, int] = {}
        self._lock = threading.Lock()
        self.calls: list[str] = []

    def rotate(self, key_name: str) -> int:
        """Make a new version of ``key_name`` primary; return its number."""
        with self._lock:
            self._primary[key_name] = self._primary.get(key_name, 1) + 1
            return self._primary[key_name]

    def _version(self, key_name: str) -> int:
        with self._lock:
            return self._primary.get(key_name, 1)

    def _aead(self, key_name: str, version: int) -> AESGCM:
        info = f"{key_name}/cryptoKeyVersions/{version}".encode()
        hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info)
        return AESGCM(hkdf.derive(self._secret))

    # ---- handlers ----------------------------------------------------------------------------

    def encrypt(self, req: Any, ctx: grpc.ServicerContext) -> Any:
        self.calls.append("Encrypt")
        _require_key(req.name, ctx)
        verified_pt = _verify(ctx, req, "plaintext")
        verified_aad = _verify(ctx, req, "additional_authenticated_data")
        version = self._version(req.name)
        nonce = os.urandom(12)
        body = self._aead(req.name, version).encrypt(
            nonce, req.plaintext, req.additional_authenticated_data or None
        )
        ct = _HEADER + version.to_bytes(4, "big") + nonce + body
        resp = kms_v1.EncryptResponse.pb()(
            name=f"{req.name}/cryptoKeyVersions/{version}",
            ciphertext=ct,
            verified_plaintext_crc32c=verified_pt,
            verified_additional_authenticated_data_crc32c=verified_aad,
        )
        resp.ciphertext_crc32c.value = google_crc32c.value(ct)
        return resp

    def decrypt(self, req: Any, ctx: grpc.ServicerContext) -> Any:
        self.calls.append("Decrypt")
        _require_key(req.name, ctx)
        _verify(ctx, req, "ciphertext")
        ct = bytes(req.ciphertext)
        if not ct.startswith(_HEADER) or len(ct) < len(_HEADER) + 4 + 12 + 16:
            ctx.abort(grpc.StatusCode.INVALID_ARGUMENT, _BAD)
        at = len(_HEADER)
        version = int.from_bytes(ct[at : at + 4], "big")
        nonce, body = ct[at + 4 : at + 16], ct[at + 16 :]
        try:
            pt = self._aead(req.name, version).decrypt(
                nonce, body, req.additional_authenticated_data or None
            )
        except InvalidTag:
            ctx.abort(grpc.StatusCode.INVALID_ARGUMENT, _BAD)
        resp = kms_v1.DecryptResponse.pb()(plaintext=pt, used_primary=True)
        resp.plaintext_crc32c.value = google_crc32c.value(pt)
        return resp

    def get_crypto_key(self, req: Any, ctx: grpc.ServicerContext) -> Any:
        self.calls.append("GetCryptoKey")
        _require_key(req.name, ctx)
        key = kms_v1.CryptoKey.pb()(name=req.name)
        key.primary.name = f"{req.name}/cryptoKeyVersions/{self._version(req.name)}"
        return key

    def handler(self) -> grpc.GenericRpcHandler:
        """The generic handler mounting the three methods."""

        def unary(fn: Callable[[Any, grpc.ServicerContext], Any], req: Any, resp: Any) -> Any:
            return grpc.unary_unary_rpc_method_handler(
                fn,
                request_deserializer=req.pb().FromString,
                response_serializer=resp.pb().SerializeToString,
            )

        return grpc.method_handlers_generic_handler(
            _SERVICE,
            {
                "Encrypt": unary(self.encrypt, kms_v1.EncryptRequest, kms_v1.EncryptResponse),
                "Decrypt": unary(self.decrypt, kms_v1.DecryptRequest, kms_v1.DecryptResponse),
                "GetCryptoKey": unary(
                    self.get_crypto_key, kms_v1.GetCryptoKeyRequest, kms_v1.CryptoKey
                ),
            },
        )


def _require_key(name: str, ctx: grpc.ServicerContext) -> None:
    if not _KEY.match(name):
        ctx.abort(grpc.StatusCode.INVALID_ARGUMENT, f"invalid CryptoKey name {name!r}")


def _verify(ctx: grpc.ServicerContext, req: Any, field: str) -> bool:
    """Check ``<field>_crc32c`` when sent; report whether it was checked."""
    crc_field = f"{field}_crc32c"
    if not req.HasField(crc_field):
        return False
    if google_crc32c.value(bytes(getattr(req, field))) != getattr(req, crc_field).value:
        ctx.abort(grpc.StatusCode.INVALID_ARGUMENT, f"checksum mismatch in {crc_field}")
    return True


@contextmanager
def running_fake_kms(fake: FakeKms | None = None) -> Iterator[tuple[FakeKms, str]]:
    """Serve a fake on a free loopback port; yield it and ``host:port``."""
    fake = fake or FakeKms()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    server.add_generic_rpc_handlers((fake.handler(),))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    try:
        yield fake, f"127.0.0.1:{port}"
    finally:
        server.stop(grace=None)
