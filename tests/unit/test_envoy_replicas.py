"""The rendered Envoy config: one cluster endpoint per replica, health checks with several, and
``make run`` refusing several replicas on DuckDB before it starts anything."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from cloudact_grpc import devstack
from cloudact_grpc.devstack import EnvoySettings, render_envoy_config


def _cluster(replica_ports: tuple[int, ...]) -> dict[str, Any]:
    config = yaml.safe_load(
        render_envoy_config(
            EnvoySettings(
                listen_host="127.0.0.1", listen_port=8000, admin_port=9901, grpc_port=50051,
                metrics_port=9464, descriptor=Path("build/cloudact.pb"), cors_origins=(),
                replica_ports=replica_ports,
            )
        )
    )  # fmt: skip
    (cluster,) = config["static_resources"]["clusters"]
    return dict(cluster)


def _ports(cluster: dict[str, Any]) -> list[int]:
    endpoints = cluster["load_assignment"]["endpoints"][0]["lb_endpoints"]
    return [e["endpoint"]["address"]["socket_address"]["port_value"] for e in endpoints]


def test_one_replica_is_one_endpoint_without_health_checks() -> None:
    cluster = _cluster(())
    assert _ports(cluster) == [50051]
    assert "health_checks" not in cluster


def test_several_replicas_are_health_checked_endpoints_of_one_cluster() -> None:
    cluster = _cluster((50052, 50053))
    assert _ports(cluster) == [50051, 50052, 50053]
    (check,) = cluster["health_checks"]
    assert check["grpc_health_check"] == {} and check["interval"] == "1s"


def test_make_run_refuses_several_replicas_on_duckdb(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CLOUDACT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CLOUDACT_REPLICAS", "3")
    monkeypatch.delenv("CLOUDACT_WAREHOUSE", raising=False)
    assert devstack.main([]) == 2
    assert "DuckDB is one process's file" in capsys.readouterr().err
