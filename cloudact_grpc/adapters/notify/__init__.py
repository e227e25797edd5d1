"""Outbound notification adapters: signed webhooks, Slack incoming webhooks, SMTP email."""
