"""Provider adapters: the registry file, the egress guard and live credential checks."""
