"""servicers layer."""
