"""Egress rule for notification URLs: https to public addresses only.

Private, link-local and metadata addresses are always refused. Loopback over plain http is
allowed only when the deployment says so (``CLOUDACT_NOTIFY_ALLOW_LOOPBACK``, refused in
production), for local receivers in tests and development.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from cloudact_grpc.domain.errors import InvalidArgument

_METADATA_NAMES = frozenset({"metadata.google.internal", "metadata", "instance-data"})
_LOOPBACK_NAMES = frozenset({"localhost"})


def check_url(url: str, field_name: str, *, allow_loopback: bool) -> None:
    """Raise ``InvalidArgument`` naming ``field_name`` unless ``url`` may be called."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().rstrip(".")
    if not host or host in _METADATA_NAMES:
        raise _refused(field_name, "host is not allowed")
    loopback = host in _LOOPBACK_NAMES or _is_loopback_literal(host)
    if loopback and allow_loopback and parts.scheme in ("http", "https"):
        return
    if parts.scheme != "https":
        raise _refused(field_name, "only https URLs are called")
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, proto=socket.IPPROTO_TCP)
    except OSError:
        return  # unresolvable now: the delivery reports the network failure
    for info in infos:
        if not ipaddress.ip_address(str(info[4][0])).is_global:
            raise _refused(field_name, f"host {host} resolves to a non-public address")


def _is_loopback_literal(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _refused(field_name: str, why: str) -> InvalidArgument:
    return InvalidArgument.field(field_name, f"egress refused: {why}")
