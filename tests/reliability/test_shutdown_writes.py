"""Finding 5: writes cut off by a shutdown either did not commit or can be learned by retrying
with the same ``request_id``; no key is left pending, no org half-made.

SIGTERM with a grace of 0 s while onboardings (each with a ``request_id``) are in flight: the
callers are cut off, the server lets started handlers finish and store their responses, then
exits. After a restart every retry with the same ``request_id`` succeeds: a replay of the
committed onboarding (same key) or, if it never committed, a fresh one.
"""

from __future__ import annotations

import secrets
import signal
import threading
import time
import uuid
from pathlib import Path

import grpc
import pytest
from cloudact.v1 import admin_pb2, admin_pb2_grpc, organizations_pb2, organizations_pb2_grpc

from tests.support.server_process import serving

pytestmark = pytest.mark.slow
N = 8


def _request(slug: str, request_id: str) -> organizations_pb2.OnboardOrganizationRequest:
    return organizations_pb2.OnboardOrganizationRequest(
        org_slug=slug, company_name=f"Org {slug}", admin_email="fin@shutdown.example",
        request_id=request_id,
    )  # fmt: skip


def test_writes_cut_off_by_sigterm_are_learned_by_retrying(tmp_path: Path) -> None:
    data, log = tmp_path / "data", tmp_path / "server.log"
    root_key = secrets.token_urlsafe(32)
    root = (("x-ca-root-key", root_key),)
    slugs = [f"drain_{i}" for i in range(N)]
    ids = {slug: str(uuid.uuid4()) for slug in slugs}
    first: dict[str, object] = {}

    with (
        serving(data, root_key, log, grace_seconds=0) as server,
        grpc.insecure_channel(server.target) as chan,
    ):
        admin_pb2_grpc.AdminServiceStub(chan).Bootstrap(
            admin_pb2.BootstrapRequest(), metadata=root, timeout=60
        )

        def onboard(slug: str) -> None:
            stub = organizations_pb2_grpc.OrganizationsServiceStub(chan)
            try:
                first[slug] = stub.OnboardOrganization(
                    _request(slug, ids[slug]), metadata=root, timeout=60
                ).api_key
            except grpc.RpcError as error:
                first[slug] = error.code()

        threads = [threading.Thread(target=onboard, args=(s,)) for s in slugs]
        for t in threads:
            t.start()
        time.sleep(0.3)
        server.process.send_signal(signal.SIGTERM)
        for t in threads:
            t.join(timeout=60)
        assert server.process.wait(timeout=60) == 0
    cut = [s for s in slugs if isinstance(first[s], grpc.StatusCode)]
    assert cut, f"no onboarding was cut off: {first}"
    assert {first[s] for s in cut} <= {grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.CANCELLED}

    with serving(data, root_key, log) as again, grpc.insecure_channel(again.target) as chan:
        orgs = organizations_pb2_grpc.OrganizationsServiceStub(chan)
        for slug in slugs:
            reply, call = orgs.OnboardOrganization.with_call(
                _request(slug, ids[slug]), metadata=root, timeout=60
            )
            if isinstance(first[slug], str):  # acknowledged: the retry replays it
                assert reply.api_key == first[slug]
                assert ("idempotent-replayed", "true") in call.initial_metadata()
            got = orgs.GetOrganization(
                organizations_pb2.GetOrganizationRequest(org_slug=slug),
                metadata=(("x-api-key", reply.api_key),),
                timeout=60,
            )
            assert got.status == "ACTIVE"
