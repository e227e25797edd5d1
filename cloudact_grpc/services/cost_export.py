"""Serialize CostRow-shaped frames chunk by chunk: CSV, JSON lines (NDJSON) or Parquet.

``bounded`` cuts the encoded pieces into messages of at most ``MESSAGE_BYTES`` bytes, so no
streamed message comes near a proxy's or a client's message limit (Envoy's transcoder refuses
~1 MiB, gRPC clients 4 MiB by default) whatever the rows hold.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Final

import polars as pl
import pyarrow.parquet as pq

from cloudact_grpc.domain.errors import InvalidArgument

CONTENT_TYPES: Final[dict[str, str]] = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
}
EXTENSIONS: Final[dict[str, str]] = {"csv": "csv", "json": "ndjson", "parquet": "parquet"}
# Other names accepted for a format (JSON lines is also called jsonl and ndjson).
_ALIASES: Final[dict[str, str]] = {"jsonl": "json", "ndjson": "json"}
CLOUDACT: Final = "cloudact"
FOCUS: Final = "focus"
LAYOUTS: Final = (CLOUDACT, FOCUS)
_DATETIME_FORMAT: Final = "%Y-%m-%dT%H:%M:%S%.6fZ"
MESSAGE_BYTES: Final = 256 * 1024


class _Sink(io.RawIOBase):
    """Write-only byte sink that hands out what was written since the last ``drain``."""

    def __init__(self) -> None:
        super().__init__()
        self._parts: list[bytes] = []
        self._pos = 0

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        chunk = bytes(data)  # type: ignore[call-overload]
        self._parts.append(chunk)
        self._pos += len(chunk)
        return len(chunk)

    def tell(self) -> int:
        return self._pos

    def drain(self) -> bytes:
        out = b"".join(self._parts)
        self._parts.clear()
        return out


def format_name(raw: str) -> str:
    """The canonical format for ``raw`` (case-insensitive; jsonl/ndjson mean json)."""
    name = raw.strip().lower()
    name = _ALIASES.get(name, name)
    if name not in CONTENT_TYPES:
        raise InvalidArgument.field("format", "must be one of csv, json (jsonl, ndjson), parquet")
    return name


def layout_name(raw: str) -> str:
    """The canonical layout for ``raw`` (empty: cloudact)."""
    name = raw.strip().lower() or CLOUDACT
    if name not in LAYOUTS:
        raise InvalidArgument.field("layout", "must be cloudact or focus")
    return name


def encode(fmt: str, frames: Iterable[pl.DataFrame]) -> Iterator[bytes]:
    """Bytes of the file, one piece per frame (the concatenation is the whole file).

    CSV: header row then RFC 4180 rows, exact decimal text, UTC timestamps ``...Z``.
    JSON lines: one object per row; amounts as exact decimal strings, ``tags`` as JSON text.
    Parquet: one row group per frame, decimals as ``decimal128(38, 9)``.
    """
    if fmt == "parquet":
        yield from _parquet(frames)
        return
    first = True
    for frame in frames:
        buf = io.BytesIO()
        if fmt == "csv":
            frame.write_csv(buf, include_header=first, datetime_format=_DATETIME_FORMAT)
        else:
            frame.write_ndjson(buf)
        first = False
        data = buf.getvalue()
        if data:
            yield data


def _parquet(frames: Iterable[pl.DataFrame]) -> Iterator[bytes]:
    sink = _Sink()
    writer: pq.ParquetWriter | None = None
    for frame in frames:
        table = frame.to_arrow()
        if writer is None:
            writer = pq.ParquetWriter(sink, table.schema, compression="zstd")
        writer.write_table(table.cast(writer.schema))
        data = sink.drain()
        if data:
            yield data
    if writer is not None:
        writer.close()
        yield sink.drain()


def bounded(pieces: Iterable[bytes], limit: int = MESSAGE_BYTES) -> Iterator[bytes]:
    """The same bytes re-cut into pieces of exactly ``limit`` bytes (the last one shorter).

    Small pieces are joined, large ones split; at most one piece plus ``limit`` bytes are held.
    """
    if limit <= 0:
        raise ValueError("limit must be positive")
    buf = bytearray()
    for piece in pieces:
        buf += piece
        if len(buf) < limit:
            continue
        view = memoryview(buf)
        whole = len(buf) - len(buf) % limit
        for at in range(0, whole, limit):
            yield bytes(view[at : at + limit])
        view.release()
        del buf[:whole]
    if buf:
        yield bytes(buf)
