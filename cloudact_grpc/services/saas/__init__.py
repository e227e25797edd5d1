"""SaaS subscription plans: storage mapping, cost rows and the plan service."""
