"""Arrow helper for ``CostsService/IngestCostRows``: a table as IPC-stream requests.

pyarrow ships no type information, so the table is described by the one method used
(``to_batches``) and pyarrow itself is imported at call time (the ``arrow`` extra).
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from cloudact.v1 import costs_pb2

CHUNK_ROWS = 4000


class ArrowTable(Protocol):
    """What the helper needs of a ``pyarrow.Table``."""

    def to_batches(self, max_chunksize: int | None = ...) -> Iterable[Any]:
        """Record batches of at most ``max_chunksize`` rows."""
        ...


def ipc_stream(batch: Any) -> bytes:
    """One record batch as an Arrow IPC stream (what ``arrow_ipc_stream`` carries)."""
    ipc = importlib.import_module("pyarrow.ipc")
    sink = io.BytesIO()
    with ipc.new_stream(sink, batch.schema) as writer:
        writer.write_batch(batch)
    return sink.getvalue()


def ingest_requests(
    org_slug: str, table: ArrowTable, *, batch_id: str, chunk_rows: int = CHUNK_ROWS
) -> Iterator[costs_pb2.IngestCostRowsRequest]:
    """``IngestCostRows`` requests of at most ``chunk_rows`` rows each.

    Chunk ``n`` carries the batch id ``{batch_id}:{n}``, so sending the same table with the same
    ``batch_id`` again (a retry, or a pipeline restarted after a crash) stores every row once.
    Columns are the org's ``cost_data_focus_1_2`` columns with their canonical Arrow types
    (utf8, decimal128(38, 9), date32, timestamp[us, UTC], int64); the server checks them.
    """
    for n, batch in enumerate(table.to_batches(max_chunksize=chunk_rows)):
        yield costs_pb2.IngestCostRowsRequest(
            org_slug=org_slug, arrow_ipc_stream=ipc_stream(batch), batch_id=f"{batch_id}:{n}"
        )
