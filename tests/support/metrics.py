"""One value from a server's Prometheus ``/metrics`` endpoint (the metrics port, loopback)."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families

from tests.support.http import HTTP


def sample(metrics_port: int, name: str, **labels: str) -> float:
    """The sum of ``name``'s samples carrying ``labels`` (0 while no such series exists)."""
    body = HTTP.get(f"http://127.0.0.1:{metrics_port}/metrics").text
    return sum(
        s.value
        for family in text_string_to_metric_families(body)
        for s in family.samples
        if s.name == name and labels.items() <= s.labels.items()
    )
