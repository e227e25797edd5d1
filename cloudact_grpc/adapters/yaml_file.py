"""Read a YAML configuration file with libyaml's parser (PyYAML's C loader)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

# The PyYAML wheels ship libyaml; its parser is about ten times faster than the pure-Python
# one, which dominated start-up (the schema and catalogue files are read at every start).
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

YAMLError = yaml.YAMLError


def read_yaml(path: Path) -> Any:
    """The document in ``path`` as plain data (safe tags only)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
