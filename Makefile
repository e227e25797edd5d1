# CloudAct API service. `make run` and `make test` install everything they need into .venv.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
BUILD := build
PROTO_DEPS := $(BUILD)/proto_deps
DESCRIPTOR := $(BUILD)/cloudact.pb
PROTOS := $(sort $(wildcard protos/cloudact/v1/*.proto))
GOOGLE_PROTOS := google/api/annotations.proto google/api/http.proto google/api/field_behavior.proto \
	google/api/httpbody.proto google/rpc/status.proto google/rpc/error_details.proto google/rpc/code.proto
export PYTHONPATH := $(CURDIR):$(CURDIR)/gen

.PHONY: install gen descriptor proto-deps run test test-fast lint fmt bench demo envoy-check bqemu clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check uv==0.13.9
	$(BIN)/uv pip install -q --python $(PY) -r pyproject.toml --extra dev
	touch $(STAMP)

# google/api and google/rpc protos come from the pinned googleapis-common-protos wheel.
proto-deps: $(STAMP)
	@gapi=$$($(PY) -c 'import pathlib, google.api.annotations_pb2 as m; print(pathlib.Path(m.__file__).parents[2])'); \
	rm -rf $(PROTO_DEPS); \
	for f in $(GOOGLE_PROTOS); do install -D -m 0644 "$$gapi/$$f" "$(PROTO_DEPS)/$$f"; done

gen: proto-deps
	rm -rf gen/cloudact
	mkdir -p gen
	$(PY) -m grpc_tools.protoc -I protos -I $(PROTO_DEPS) --python_out=gen --pyi_out=gen \
		--grpc_python_out=gen --plugin=protoc-gen-mypy_grpc=$(BIN)/protoc-gen-mypy_grpc \
		--mypy_grpc_out=gen $(PROTOS)

# Descriptor set for Envoy's transcoder; error_details.proto must be in it for JSON error bodies.
descriptor: $(DESCRIPTOR)

$(DESCRIPTOR): $(PROTOS) | proto-deps
	$(PY) -m grpc_tools.protoc -I protos -I $(PROTO_DEPS) --include_imports --include_source_info \
		--descriptor_set_out=$@ $(PROTOS) google/rpc/error_details.proto google/rpc/status.proto

envoy-check: descriptor
	$(PY) -m cloudact_grpc.devstack --render-only $(BUILD)/envoy.yaml
	$(BIN)/envoy --mode validate -c $(BUILD)/envoy.yaml --log-level warn

bqemu:
	scripts/bqemulator.sh setup

run: descriptor
	$(PY) -m cloudact_grpc.devstack

test: descriptor bqemu
	$(PY) -m pytest

# The default loop: everything but the BigQuery emulator and the slow (demo-sized, crash, fuzz) sets.
test-fast: descriptor
	$(PY) -m pytest -m "not slow and not bigquery"

lint: proto-deps
	$(BIN)/buf lint
	$(BIN)/buf format --diff --exit-code
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

fmt: $(STAMP)
	$(BIN)/buf format -w
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Benchmarks print their numbers; each compares against a baseline measured in the same run.
bench: descriptor bqemu
	command -v hey >/dev/null || (apt-get update -qq && apt-get install -y -qq hey)
	$(PY) bench/bench_warehouse.py 100000
	$(PY) bench/bench_costs.py 1000000 10000000
	$(PY) bench/bench_auth_read.py 5000 16
	$(PY) bench/bench_rest_door.py 3000 16
	$(PY) bench/bench_export.py 10000000 csv,parquet

# Fills demo_org with a year of costs on the running `make run` stack, through the API
# (idempotent; see cloudact_grpc/demo/__main__.py).
demo: $(STAMP)
	$(PY) -m cloudact_grpc.demo

clean:
	rm -rf $(BUILD) .pytest_cache .mypy_cache .ruff_cache
