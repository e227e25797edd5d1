"""Typed facade over the generated ``cloudact.v1`` stubs for the pipeline service."""

from cloudact_client.arrow import ingest_requests, ipc_stream
from cloudact_client.pipeline import PipelineClient
from cloudact_client.retry import RetryPolicy

__all__ = ["PipelineClient", "RetryPolicy", "ingest_requests", "ipc_stream"]
