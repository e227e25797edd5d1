#!/usr/bin/env bash
# BigQuery emulator (bqemulator, DuckDB-backed) in its own virtual environment.
#
# Usage: scripts/bqemulator.sh setup
#   Builds .venv-bqemu (idempotent) and installs DuckDB's spatial extension from the wheel so the
#   emulator starts offline. The pytest fixture (tests/backend/conftest.py) starts and stops the
#   emulator itself on a free loopback port.
#
# Own venv on purpose: bqemulator 1.4.0 pins grpcio-tools<1.81, which drags protobuf down to 6.x
# and would break the project's generated code. duckdb is pinned to the version the pip-shipped
# spatial extension was built for.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${BQEMU_VENV:-$ROOT/.venv-bqemu}"
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" > /dev/null 2>&1 || PYTHON=python3

setup() {
  if [ ! -x "$VENV/bin/bqemulator" ]; then
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check "bqemulator==1.4.0" "duckdb==1.5.5" \
      "duckdb-extension-spatial==1.5.5" "numpy>=1.26"
  fi
  # bqemulator runs `INSTALL spatial; LOAD spatial` at start; offline that needs the extension
  # already in DuckDB's per-user extension directory. Idempotent; per HOME.
  "$VENV/bin/python" - << 'PY'
import pathlib

import duckdb
import duckdb_extension_spatial

root = pathlib.Path(duckdb_extension_spatial.__file__).parent
ext = root / "extensions" / f"v{duckdb.__version__}" / "spatial.duckdb_extension"
if not ext.exists():
    raise SystemExit(f"no spatial extension for duckdb {duckdb.__version__} in {root}")
con = duckdb.connect()
con.execute(f"INSTALL '{ext}'")
con.execute("LOAD spatial")
PY
  echo "bqemulator ready to start: $VENV/bin/bqemulator"
}

case "${1:-setup}" in
  setup) setup ;;
  *) echo "usage: $0 setup" >&2; exit 2 ;;
esac
