"""ports layer."""
