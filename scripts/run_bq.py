"""``make run-bq``: the service on the BigQuery emulator with Cloud KMS (a local stand-in).

Starts what the tests start (``tests/support/bqemulator.py``, ``tests/support/kms_fake.py``):
the bqemulator from ``.venv-bqemu`` on free loopback ports (ephemeral: its data is gone when it
stops) and the KMS stand-in over plaintext gRPC; then ``python -m cloudact_grpc.devstack``
(gRPC + Envoy, as ``make run``) with ``CLOUDACT_WAREHOUSE=bigquery``, the emulator's endpoint,
``KMS_KEY_NAME`` and ``CLOUDACT_KMS_ENDPOINT``. Ctrl-C or SIGTERM stops all three.
Development only: production refuses a plaintext KMS endpoint.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cloudact_grpc.config import load_settings  # noqa: E402
from tests.support.bqemulator import running_bqemulator  # noqa: E402
from tests.support.kms_fake import running_fake_kms  # noqa: E402

PROJECT = "cloudact-local"
KEY = f"projects/{PROJECT}/locations/us/keyRings/dev/cryptoKeys/cloudact"


def main() -> int:
    """Run the three processes until a signal; the service's exit status."""
    workdir = load_settings().data_dir.resolve() / "run-bq"
    workdir.mkdir(parents=True, exist_ok=True)
    with running_bqemulator(workdir, project=PROJECT) as endpoint, running_fake_kms() as (_, kms):
        env = {
            **os.environ,
            "CLOUDACT_WAREHOUSE": "bigquery",
            "CLOUDACT_BIGQUERY_ENDPOINT": endpoint,
            "GCP_PROJECT_ID": PROJECT,
            "KMS_KEY_NAME": KEY,
            "CLOUDACT_KMS_ENDPOINT": kms,
        }
        print(f"run-bq: BigQuery emulator {endpoint}, KMS stand-in {kms}", file=sys.stderr)
        service = subprocess.Popen([sys.executable, "-m", "cloudact_grpc.devstack"], env=env)

        def forward(signum: int, _frame: object) -> None:
            service.send_signal(signum)

        signal.signal(signal.SIGTERM, forward)
        signal.signal(signal.SIGINT, forward)
        return service.wait()


if __name__ == "__main__":
    sys.exit(main())
