"""Pure Polars cost analytics over FOCUS 1.2 rows (no gRPC, no SQL).

Frames come from the warehouse port as Arrow (``cost_data_focus_1_2`` columns, money as
``decimal128(38, 9)``); every sum stays a Polars ``Decimal`` and every result carries its
currency, so amounts in different currencies are never added together.
"""
