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
SWAGGER_UI_VERSION := 5.35.0
DOCS_STAMP := $(BUILD)/docs/.swagger-ui-dist-$(SWAGGER_UI_VERSION)
export PYTHONPATH := $(CURDIR):$(CURDIR)/gen

.PHONY: install gen descriptor proto-deps run test test-fast lint fmt bench demo envoy-check bqemu clean \
	docs-assets docs-if-npm chromium fuzz client breaking run-bq redis

# Also installs the service itself (editable: the `cloudact` console script) and puts the
# repository and gen/ on the venv's path, so `.venv/bin/python -m cloudact_grpc` works without make.
install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check uv==0.13.9
	$(BIN)/uv pip install -q --python $(PY) -r pyproject.toml --extra dev
	$(BIN)/uv pip install -q --python $(PY) --no-deps -e .
	printf '%s\n%s\n' "$(CURDIR)" "$(CURDIR)/gen" > "$$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/cloudact-dev.pth"
	touch $(STAMP)

# google/api and google/rpc protos come from the pinned googleapis-common-protos wheel.
proto-deps: $(STAMP)
	@gapi=$$($(PY) -c 'import pathlib, google.api.annotations_pb2 as m; print(pathlib.Path(m.__file__).parents[2])'); \
	rm -rf $(PROTO_DEPS); \
	for f in $(GOOGLE_PROTOS); do install -D -m 0644 "$$gapi/$$f" "$(PROTO_DEPS)/$$f"; done

# Also the descriptor set with source info (proto comments) that server reflection serves and the
# client wheel ships, and the OpenAPI document generated from it.
gen: proto-deps
	rm -rf gen/cloudact
	mkdir -p gen
	$(PY) -m grpc_tools.protoc -I protos -I $(PROTO_DEPS) --python_out=gen --pyi_out=gen \
		--grpc_python_out=gen --plugin=protoc-gen-mypy_grpc=$(BIN)/protoc-gen-mypy_grpc \
		--mypy_grpc_out=gen $(PROTOS)
	$(PY) -m grpc_tools.protoc -I protos -I $(PROTO_DEPS) --include_imports --include_source_info \
		--descriptor_set_out=gen/cloudact/v1/cloudact.binpb $(PROTOS) \
		google/rpc/error_details.proto google/rpc/status.proto
	$(PY) -m cloudact_grpc.openapi gen/cloudact/v1/cloudact.binpb gen/openapi.json

# Descriptor set for Envoy's transcoder; error_details.proto must be in it for JSON error bodies.
descriptor: $(DESCRIPTOR)

$(DESCRIPTOR): $(PROTOS) | proto-deps
	$(PY) -m grpc_tools.protoc -I protos -I $(PROTO_DEPS) --include_imports --include_source_info \
		--descriptor_set_out=$@ $(PROTOS) google/rpc/error_details.proto google/rpc/status.proto

# Swagger UI for /docs, from npm (pinned), copied next to the build; Envoy serves it.
docs-assets: $(DOCS_STAMP)

# `make run` serves /docs when npm can fetch Swagger UI, and everything else without it.
docs-if-npm:
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory docs-assets; \
	else echo "npm not found: serving without the /docs page (install npm, then make docs-assets)"; fi

$(DOCS_STAMP):
	npm install --prefix $(BUILD)/npm --no-save --no-audit --no-fund --loglevel=error \
		swagger-ui-dist@$(SWAGGER_UI_VERSION)
	for f in swagger-ui-bundle.js swagger-ui.css; do \
		install -D -m 0644 $(BUILD)/npm/node_modules/swagger-ui-dist/$$f $(BUILD)/docs/$$f; done
	touch $@

# Redis (Debian's redis-server): the shared store of several replicas; `make run` with
# CLOUDACT_REPLICAS > 1 and the replica tests start it on a unix socket (cloudact_grpc/local_redis.py).
redis:
	command -v redis-server >/dev/null || (apt-get update -qq && apt-get install -y -qq redis-server)

# Headless Chromium for the /docs screenshot test (Debian package).
chromium:
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

# buf breaking (FILE rules of buf.yaml) against the released contract named in
# contract-release.txt (or BREAKING_AGAINST=<git ref>, for example main on a branch).
BREAKING_AGAINST ?= $(shell grep -v '^\#' contract-release.txt)
breaking: proto-deps
	rm -rf $(BUILD)/breaking
	mkdir -p $(BUILD)/breaking/build
	git archive $(BREAKING_AGAINST) protos buf.yaml | tar -x -C $(BUILD)/breaking
	cp -r $(PROTO_DEPS) $(BUILD)/breaking/build/
	$(BIN)/buf breaking --against $(BUILD)/breaking

envoy-check: descriptor
	$(PY) -m cloudact_grpc.devstack --render-only $(BUILD)/envoy.yaml
	$(BIN)/envoy --mode validate -c $(BUILD)/envoy.yaml --log-level warn

bqemu:
	scripts/bqemulator.sh setup

# Redis (installed through apt) only when several replicas share state: CLOUDACT_REPLICAS > 1.
REPLICA_REDIS := $(if $(filter-out 1,$(or $(CLOUDACT_REPLICAS),1)),redis)

run: descriptor docs-if-npm $(REPLICA_REDIS)
	$(PY) -m cloudact_grpc.devstack

# Production-like: BigQuery emulator + Cloud KMS stand-in next to the service (scripts/run_bq.py).
run-bq: descriptor docs-if-npm bqemu $(REPLICA_REDIS)
	$(PY) scripts/run_bq.py

test: descriptor bqemu docs-assets chromium redis
	$(PY) -m pytest

# The default loop: everything but the BigQuery emulator and the slow (demo-sized, crash, fuzz) sets,
# on every core (pytest-xdist; each worker has its own session server and Envoy, and runs whole
# files, so a module's fixtures and the order of its tests are as in a single-process run).
test-fast: descriptor
	$(PY) -m pytest -m "not slow and not bigquery" -n auto --dist loadfile

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
bench: descriptor bqemu redis
	command -v hey >/dev/null || (apt-get update -qq && apt-get install -y -qq hey)
	$(PY) bench/bench_warehouse.py 100000
	$(PY) bench/bench_costs.py 1000000 10000000
	$(PY) bench/bench_auth_read.py 5000 16
	$(PY) bench/bench_chain.py 1000 20
	$(PY) bench/bench_rest_door.py 3000 16
	$(PY) bench/bench_forecast.py 200000
	$(PY) bench/bench_llm_rows.py 20000
	$(PY) bench/bench_org_upgrades.py 200
	$(PY) bench/bench_saas_catch_up.py 300
	$(PY) bench/bench_export.py 10000000 csv,parquet
	$(PY) bench/bench_fairness.py 100000 24 60
	$(PY) bench/bench_shared_state.py 20000

# The cloudact-client wheel in dist/: the generated code as the package `cloudact` (mypy-protobuf
# stubs, py.typed, the descriptor set) plus the facade in client/src; the descriptor set next to it.
CLIENT_STAGE := $(BUILD)/client
CLIENT_VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' client/pyproject.toml)
client: proto-deps
	rm -rf $(CLIENT_STAGE)
	mkdir -p $(CLIENT_STAGE)/src dist
	cp -r client/pyproject.toml client/README.md client/src $(CLIENT_STAGE)/
	$(PY) -m grpc_tools.protoc -I protos -I $(PROTO_DEPS) --python_out=$(CLIENT_STAGE)/src \
		--grpc_python_out=$(CLIENT_STAGE)/src --plugin=protoc-gen-mypy=$(BIN)/protoc-gen-mypy \
		--mypy_out=$(CLIENT_STAGE)/src --plugin=protoc-gen-mypy_grpc=$(BIN)/protoc-gen-mypy_grpc \
		--mypy_grpc_out=$(CLIENT_STAGE)/src $(PROTOS)
	touch $(CLIENT_STAGE)/src/cloudact/__init__.py $(CLIENT_STAGE)/src/cloudact/v1/__init__.py \
		$(CLIENT_STAGE)/src/cloudact/py.typed
	cp gen/cloudact/v1/cloudact.binpb $(CLIENT_STAGE)/src/cloudact/v1/
	$(BIN)/uv build -q --wheel --out-dir dist $(CLIENT_STAGE)
	cp gen/cloudact/v1/cloudact.binpb dist/cloudact_client-$(CLIENT_VERSION)-descriptor.binpb
	@ls dist/cloudact_client-$(CLIENT_VERSION)*

# A long schemathesis run through Envoy (make test runs a small one: 8 examples per operation).
FUZZ_EXAMPLES ?= 200
fuzz: descriptor docs-assets
	CLOUDACT_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest tests/e2e/test_fuzz.py -s -q -p no:cacheprovider

# Fills demo_org with a year of costs on the running `make run` stack, through the API
# (idempotent; see cloudact_grpc/demo/__main__.py).
demo: $(STAMP)
	$(PY) -m cloudact_grpc.demo

clean:
	rm -rf $(BUILD) .pytest_cache .mypy_cache .ruff_cache
