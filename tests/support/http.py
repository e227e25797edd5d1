"""One HTTP client for the REST tests: generous timeout (the BigQuery emulator is slow)."""

from __future__ import annotations

import httpx

HTTP = httpx.Client(timeout=120.0)
