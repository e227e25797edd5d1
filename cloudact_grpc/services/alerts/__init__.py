"""Alert rules, notification channels, the outbox/history and rule evaluation."""
