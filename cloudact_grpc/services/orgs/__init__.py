"""The one owner of organisations: lifecycle statuses, the existence rule, datasets, table names."""
