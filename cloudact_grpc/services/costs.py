"""The cost service the servicers use: one object over the cost parts, each in its own module.

- ``cost_source``: the org's dataset, filtered raw reads, the daily rollup, the result cache;
- ``cost_reads``: aggregates (summary, breakdowns, trends, pivots, daily sums, SaaS plan costs);
- ``cost_rows``: raw row pages and streamed exports;
- ``cost_ingest``: ``IngestCostRows`` batches, each stored once.

Writers (ingestion here, SaaS plans, the pipeline service) go through ``CostChanges``, which
forgets the touched rollup days and the org's cached results. Reads never write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from cloudact_grpc.domain.clock import Clock
from cloudact_grpc.domain.cost_events import DayRange
from cloudact_grpc.ports.warehouse import Warehouse
from cloudact_grpc.services import cost_export
from cloudact_grpc.services.cost_changes import CostChanges
from cloudact_grpc.services.cost_ingest import CostIngest
from cloudact_grpc.services.cost_reads import CostReads
from cloudact_grpc.services.cost_rows import EXPORT_CHUNK_ROWS, CostRows
from cloudact_grpc.services.cost_source import CostSource


class CostsService(CostReads, CostRows, CostIngest):
    """Cost reads, raw rows, exports and ingestion of one org's ``cost_data_focus_1_2`` table."""

    def __init__(
        self,
        warehouse: Warehouse,
        *,
        dataset_suffix: str,
        export_chunk_rows: int = EXPORT_CHUNK_ROWS,
        export_message_bytes: int = cost_export.MESSAGE_BYTES,
        after_export_window: Callable[[], None] | None = None,
        clock: Clock | None = None,
        changes: CostChanges | None = None,
        read_workers: int | None = None,
        sole_writer_since: dt.datetime | None = None,
    ) -> None:
        source = CostSource(
            warehouse,
            dataset_suffix=dataset_suffix,
            clock=clock,
            changes=changes,
            read_workers=read_workers,
        )
        self.source = source
        CostReads.__init__(self, source)
        CostRows.__init__(
            self,
            source,
            export_chunk_rows=export_chunk_rows,
            export_message_bytes=export_message_bytes,
            after_export_window=after_export_window,
        )
        CostIngest.__init__(self, source, sole_writer_since=sole_writer_since)

    def today(self) -> dt.date:
        """Today in UTC (the default end date)."""
        return self.source.today()

    def invalidate(self, org_slug: str, days: DayRange | None = None) -> tuple[int, int]:
        """Forget the rollup of ``days`` (None: all) and the org's cached results.

        Returns (rollup days forgotten, cached results dropped); NotFound for an unknown org.
        """
        return self.source.invalidate(org_slug, days)
