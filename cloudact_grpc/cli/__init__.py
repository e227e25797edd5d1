"""``cloudact``: the operators' command line over gRPC with the root key."""
