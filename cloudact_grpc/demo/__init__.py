"""Deterministic demo FOCUS cost data (also the benchmark's data source)."""
