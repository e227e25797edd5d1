"""Our authenticated read through Envoy next to FastAPI/uvicorn doing the same, with ``hey``.

Usage: python bench/bench_auth_read.py [REQUESTS] [CONCURRENCY] [ROUNDS]
Starts the server (embedded DuckDB file in a temp dir) and Envoy on free ports, onboards one
org, and starts ``bench/fastapi_baseline.py`` under uvicorn (one worker) with the same key. Then,
in interleaved rounds so machine noise hits every row alike, ``hey`` runs against our
``GET /health`` and ``GET /api/v1/organizations/{org}/subscription`` (org key) through Envoy,
and FastAPI's trivial ``/health`` and its same authenticated read. Both log one JSON line per
request (to files). Rate limits are raised so the limiter does not cap the measurement.
Prints median req/s and p99 per row, the ratios, and the load average before and after.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "gen")]

import httpx  # noqa: E402

from bench.stack import BenchStack, bench_stack  # noqa: E402
from tests.support.ports import free_port  # noqa: E402


def hey(url: str, requests: int, concurrency: int, headers: dict[str, str]) -> tuple[float, float]:
    """Requests per second and p99 latency (ms) reported by hey."""
    args = ["hey", "-n", str(requests), "-c", str(concurrency)]
    for key, value in headers.items():
        args += ["-H", f"{key}: {value}"]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p99 = float(re.search(r"99%+ in ([\d.]+) secs", out).group(1)) * 1000  # type: ignore[union-attr]
    statuses = re.findall(r"\[(\d{3})\]\s+(\d+) responses", out)
    if any(code != "200" for code, _ in statuses):
        raise SystemExit(f"non-200 responses: {statuses}")
    return rps, p99


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def thread_switches(pid: int) -> int:
    """Voluntary context switches of all of a process's threads so far (Linux /proc)."""
    total = 0
    for status in Path(f"/proc/{pid}/task").glob("*/status"):
        with contextlib.suppress(FileNotFoundError):  # a thread that ended meanwhile
            for line in status.read_text().splitlines():
                if line.startswith("voluntary_ctxt_switches:"):
                    total += int(line.split()[1])
    return total


def measured(
    url: str, requests: int, concurrency: int, headers: dict[str, str], pids: list[int]
) -> tuple[float, float, list[float], float]:
    """hey's req/s and p99, the CPU microseconds per request of each process in ``pids``, and
    the first process's voluntary thread switches per request.

    CPU per request barely moves with the machine's load, unlike req/s and p99. The switches
    show the thread hand-offs a call costs (grpcio's sync server wakes a worker per step).
    """
    before = [cpu_seconds(pid) for pid in pids]
    switches = thread_switches(pids[0])
    rps, p99 = hey(url, requests, concurrency, headers)
    used = [(cpu_seconds(pid) - b) * 1e6 / requests for pid, b in zip(pids, before, strict=True)]
    return rps, p99, used, (thread_switches(pids[0]) - switches) / requests


def start_fastapi(workdir: Path, api_key: str) -> tuple[subprocess.Popen[bytes], str]:
    """uvicorn with one worker serving the baseline app; its base URL once it answers."""
    port = free_port()
    env = {**os.environ, "BENCH_API_KEY": api_key, "BENCH_ORG": "bench_org",
           "PYTHONPATH": str(ROOT)}  # fmt: skip
    with (workdir / "fastapi.log").open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "bench.fastapi_baseline:app", "--host",
             "127.0.0.1", "--port", str(port), "--workers", "1", "--no-access-log",
             "--log-level", "warning"],
            stdout=log, stderr=log, env=env, cwd=ROOT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("uvicorn did not start")


def main() -> None:
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    concurrency = int(sys.argv[2]) if len(sys.argv) > 2 else 16
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    if shutil.which("hey") is None:
        raise SystemExit("hey not found: apt-get install hey")
    # Both servers log one JSON line per request: to files, off the terminal.
    with bench_stack("cloudact-bench-", log_level="INFO", log_to_file=True) as stack:
        compare(stack, requests, concurrency, rounds)


def compare(stack: BenchStack, requests: int, concurrency: int, rounds: int) -> None:
    """Interleaved hey rounds against our server and FastAPI; print the medians and ratios."""
    envoy, workdir = stack.envoy, stack.workdir
    fastapi: subprocess.Popen[bytes] | None = None
    try:
        root = stack.root_headers
        httpx.post(f"{envoy.base_url}/api/v1/admin/bootstrap", json={}, headers=root)
        onboarded = httpx.post(
            f"{envoy.base_url}/api/v1/organizations/onboard",
            json={"org_slug": "bench_org", "company_name": "Bench", "admin_email": "b@bench.io"},
            headers=root,
        ).json()
        key = {"X-API-Key": onboarded["api_key"]}
        fastapi, fastapi_url = start_fastapi(workdir, onboarded["api_key"])
        read_path = "/api/v1/organizations/bench_org/subscription"
        ours_pids = [os.getpid(), envoy.process.pid]  # the server runs in this process
        targets = [
            ("ours: GET /health (Envoy)", f"{envoy.base_url}/health", {}, ours_pids),
            ("ours: authenticated read (Envoy)", f"{envoy.base_url}{read_path}", key, ours_pids),
            ("FastAPI: GET /health", f"{fastapi_url}/health", {}, [fastapi.pid]),
            ("FastAPI: authenticated read", f"{fastapi_url}{read_path}", key, [fastapi.pid]),
        ]
        for _, url, headers, _ in targets:
            hey(url, 200, 4, headers)  # warm caches and connections
        samples: dict[str, list[tuple[float, float, list[float], float]]] = {
            t[0]: [] for t in targets
        }
        load_before = os.getloadavg()[0]
        for _ in range(rounds):
            for name, url, headers, pids in targets:
                samples[name].append(measured(url, requests, concurrency, headers, pids))
        load = os.getloadavg()[0]
        print(f"{requests} requests x {rounds} interleaved rounds, concurrency {concurrency}, "
              f"{os.cpu_count()} cores, load average {load_before:.1f} before, "
              f"{load:.1f} after")  # fmt: skip
        print(f"{'call':36} {'req/s':>9} {'p99 ms':>8} {'app CPU us/req':>15} "
              f"{'app switches/req':>17} {'Envoy us/req':>13}")  # fmt: skip
        medians: dict[str, float] = {}
        for name, runs in samples.items():
            medians[name] = statistics.median(r for r, _, _, _ in runs)
            p99 = statistics.median(p for _, p, _, _ in runs)
            app_cpu = statistics.median(c[0] for _, _, c, _ in runs)
            switches = statistics.median(w for _, _, _, w in runs)
            proxy = (
                f"{statistics.median(c[1] for _, _, c, _ in runs):13.0f}" if runs[0][2][1:] else ""
            )
            row = f"{name:36} {medians[name]:9.0f} {p99:8.1f} {app_cpu:15.0f} {switches:17.1f}"
            print(f"{row} {proxy}")
        ours = medians["ours: authenticated read (Envoy)"]
        print(f"our read / FastAPI read:   {ours / medians['FastAPI: authenticated read']:.2f}x")
        print(f"our read / FastAPI health: {ours / medians['FastAPI: GET /health']:.2f}x")
        health = medians["ours: GET /health (Envoy)"] / medians["FastAPI: GET /health"]
        print(f"our health / FastAPI health: {health:.2f}x")
    finally:
        if fastapi is not None:
            fastapi.terminate()
            fastapi.wait(10)


if __name__ == "__main__":
    main()
