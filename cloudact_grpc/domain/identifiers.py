"""Strict validation of names that end up in SQL text (datasets, tables, columns) and org slugs.

Only identifiers ever reach SQL text, and only after passing these checks; values are always
bound as parameters. Each check raises ``InvalidArgument`` naming the offending field.
"""

from __future__ import annotations

import re

from cloudact_grpc.domain.errors import InvalidArgument

# Datasets may start with a digit because per-org datasets are ``{org_slug}_{suffix}``.
DATASET_PATTERN = re.compile(r"[a-z0-9][a-z0-9_]{0,99}")
TABLE_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,62}")
# Columns keep FOCUS PascalCase (``BilledCost``) and ``x_`` extensions.
COLUMN_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,127}")
ORG_SLUG_PATTERN = re.compile(r"[a-z0-9_]{3,50}")


def _check(value: object, pattern: re.Pattern[str], field: str, rule: str) -> str:
    if not isinstance(value, str) or pattern.fullmatch(value) is None:
        raise InvalidArgument.field(field, f"must match {rule}")
    return value


def dataset_id(value: object, field: str = "dataset") -> str:
    """Return ``value`` if it is a valid dataset name (``[a-z0-9][a-z0-9_]{0,99}``)."""
    return _check(value, DATASET_PATTERN, field, "^[a-z0-9][a-z0-9_]{0,99}$")


def table_id(value: object, field: str = "table") -> str:
    """Return ``value`` if it is a valid table name (``[a-z][a-z0-9_]{0,62}``)."""
    return _check(value, TABLE_PATTERN, field, "^[a-z][a-z0-9_]{0,62}$")


def column_id(value: object, field: str = "column") -> str:
    """Return ``value`` if it is a valid column name (``[A-Za-z][A-Za-z0-9_]{0,127}``)."""
    return _check(value, COLUMN_PATTERN, field, "^[A-Za-z][A-Za-z0-9_]{0,127}$")


def org_slug(value: object, field: str = "org_slug") -> str:
    """Return ``value`` if it is a valid organisation slug (``[a-z0-9_]{3,50}``)."""
    return _check(value, ORG_SLUG_PATTERN, field, "^[a-z0-9_]{3,50}$")


def org_dataset_id(slug: str, suffix: str) -> str:
    """Return the validated per-org dataset name ``{org_slug}_{suffix}``."""
    org_slug(slug)
    return dataset_id(f"{slug}_{suffix}", "org_dataset")
