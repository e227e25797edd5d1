"""Budgets: definitions, periods, status (spend, forecast, thresholds) and read models."""
