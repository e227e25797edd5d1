"""SaaS subscription plans: catalogue, versions, derived statuses and exact amortization."""
