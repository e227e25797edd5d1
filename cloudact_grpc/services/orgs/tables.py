"""Every warehouse table name, in one place (a leaf: analytics imports it too).

Central tables live in the ``organizations`` dataset; org tables in ``{org_slug}_{suffix}``
(see ``lifecycle.OrgDirectory.dataset``). ``configs/schemas/*.yaml`` declare their columns and
``tests/contract/test_layering.py`` checks that this list and the schemas agree and that no other
module spells a table name.
"""

from __future__ import annotations

from typing import Final

CENTRAL_DATASET: Final = "organizations"

# ---- central dataset -----------------------------------------------------------------------
PROFILES: Final = "org_profiles"
API_KEYS: Final = "org_api_keys"
SUBSCRIPTIONS: Final = "org_subscriptions"
USAGE_QUOTAS: Final = "org_usage_quotas"
CREDENTIALS: Final = "org_integration_credentials"
PIPELINE_RUNS: Final = "org_meta_pipeline_runs"
STEP_LOGS: Final = "org_meta_step_logs"
DQ_RESULTS: Final = "org_meta_dq_results"
PIPELINE_CONFIGS: Final = "org_pipeline_configs"
SCHEDULED_RUNS: Final = "org_scheduled_pipeline_runs"
EXECUTION_QUEUE: Final = "org_pipeline_execution_queue"
COST_TRACKING: Final = "org_cost_tracking"
AUDIT_LOGS: Final = "org_audit_logs"
KMS_KEYS: Final = "org_kms_keys"
IDEMPOTENCY_KEYS: Final = "org_idempotency_keys"

# ---- each org's dataset --------------------------------------------------------------------
FOCUS_COSTS: Final = "cost_data_focus_1_2"
INGEST_BATCHES: Final = "cost_ingest_batches"
DAILY_ROLLUP: Final = "cost_daily_rollup"
ROLLUP_DAYS: Final = "cost_rollup_days"
BUDGETS: Final = "budgets"
ANOMALY_SETTINGS: Final = "anomaly_settings"
NOTIFICATION_CHANNELS: Final = "notification_channels"
NOTIFICATION_RULES: Final = "notification_rules"
NOTIFICATION_HISTORY: Final = "notification_history"
SAAS_PLANS: Final = "saas_subscription_plans"
SAAS_DAILY_COSTS: Final = "saas_subscription_plan_costs_daily"
LLM_PRICING: Final = "llm_model_pricing"
LLM_SUBSCRIPTIONS: Final = "llm_subscriptions"

CENTRAL: Final = (
    PROFILES, API_KEYS, SUBSCRIPTIONS, USAGE_QUOTAS, CREDENTIALS, PIPELINE_RUNS, STEP_LOGS,
    DQ_RESULTS, PIPELINE_CONFIGS, SCHEDULED_RUNS, EXECUTION_QUEUE, COST_TRACKING, AUDIT_LOGS,
    KMS_KEYS, IDEMPOTENCY_KEYS,
)  # fmt: skip
PER_ORG: Final = (
    FOCUS_COSTS, INGEST_BATCHES, DAILY_ROLLUP, ROLLUP_DAYS, BUDGETS, ANOMALY_SETTINGS,
    NOTIFICATION_CHANNELS, NOTIFICATION_RULES, NOTIFICATION_HISTORY, SAAS_PLANS,
    SAAS_DAILY_COSTS, LLM_PRICING, LLM_SUBSCRIPTIONS,
)  # fmt: skip
