"""Serialize CostRow-shaped frames chunk by chunk: CSV, JSON lines (NDJSON) or Parquet."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Final

import polars as pl
import pyarrow.parquet as pq

CONTENT_TYPES: Final[dict[str, str]] = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
}
_DATETIME_FORMAT: Final = "%Y-%m-%dT%H:%M:%S%.6fZ"


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
