"""Egress guard: only allow-listed hosts, and never private, loopback or metadata addresses."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from cloudact_grpc.domain.errors import InvalidArgument

_METADATA_NAMES = frozenset({"metadata.google.internal", "metadata", "instance-data"})


def check_url(
    url: str, allowed_hosts: tuple[str, ...], *, allow_private: bool, field_name: str = "provider"
) -> None:
    """Raise ``InvalidArgument`` unless ``url`` may be called.

    ``allowed_hosts`` entries match exactly or, written ``*.example.com``, any sub-domain.
    Plain http and private/loopback/link-local addresses pass only with ``allow_private``.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    if parts.scheme != "https" and not (allow_private and parts.scheme == "http"):
        raise _refused(field_name, "only https provider URLs are called")
    if not host or host in _METADATA_NAMES:
        raise _refused(field_name, "host is not allowed")
    if not any(_matches(host, pattern) for pattern in allowed_hosts):
        raise _refused(field_name, f"host {host} is not in the provider's allow-list")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, proto=socket.IPPROTO_TCP)
    except OSError:
        return  # unresolvable: the HTTP call itself reports the network failure
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]))
        if not address.is_global:
            raise _refused(field_name, f"host {host} resolves to a non-public address")


def _matches(host: str, pattern: str) -> bool:
    pattern = pattern.lower()
    if pattern.startswith("*."):
        return host.endswith(pattern[1:])
    return host == pattern


def _refused(field_name: str, why: str) -> InvalidArgument:
    return InvalidArgument.field(field_name, f"egress refused: {why}")
