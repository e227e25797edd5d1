"""Cost anomalies: detection per provider x service x currency, settings, drivers."""
