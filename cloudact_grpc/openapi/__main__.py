"""``python -m cloudact_grpc.openapi DESCRIPTOR_SET OUT.json``: write the OpenAPI document."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from google.protobuf import descriptor_pb2

from cloudact_grpc.openapi.document import build_document

VERSION = "v1"


def render(descriptor_set: Path) -> str:
    """The document as stable, indented JSON text."""
    parsed = descriptor_pb2.FileDescriptorSet.FromString(descriptor_set.read_bytes())
    document = build_document(parsed, package="cloudact.v1", version=VERSION)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    """Write the document; exit 2 on wrong arguments."""
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    Path(argv[1]).write_text(render(Path(argv[0])), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
