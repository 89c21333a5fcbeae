// Every enumerated value in the data model, in the business's words. Check constraints use these.
export const TENANT_STATUSES = ["trial", "active", "past_due", "suspended", "churned"] as const;
export const TRADES = ["plumbing", "electrical", "hvac"] as const;
export const ONBOARDING_STATUSES = ["not_started", "in_progress", "completed"] as const;
export const TENANT_ROLES = ["owner", "dispatcher", "technician"] as const;
export const STAFF_ROLES = ["admin", "operations", "billing", "success", "support", "viewer"] as const;
export const STAFF_STATUSES = ["active", "invited", "deactivated"] as const;
export const PLAN_INTERVALS = ["month", "year"] as const;
export const COUPON_DURATIONS = ["once", "repeating", "forever"] as const;
export const SUBSCRIPTION_STATUSES = ["trialing", "active", "past_due", "canceled", "expired"] as const;
export const MRR_MOVEMENTS = ["new", "expansion", "contraction", "churn", "reactivation"] as const;
export const INVOICE_STATUSES = ["draft", "open", "paid", "void", "uncollectible"] as const;
export const INVOICE_LINE_KINDS = ["subscription", "lead", "credit", "adjustment"] as const;
export const PAYMENT_STATUSES = ["succeeded", "failed"] as const;
/** Stripe's refund statuses (`requires_action` is rare for cards; kept as Stripe says it). */
export const REFUND_STATUSES = ["pending", "requires_action", "succeeded", "failed", "canceled"] as const;
export const LEAD_SOURCES = ["web", "phone", "import", "marketplace"] as const;
export const LEAD_STATUSES = ["new", "contacted", "qualified", "won", "lost"] as const;
export const LEAD_BILLING_STATUSES = ["billable", "credited", "non_billable"] as const;
export const DISPUTE_REASONS = [
  "duplicate",
  "outside_service_area",
  "wrong_job_type",
  "invalid_contact",
  "competitor_test",
  "other",
] as const;
export const DISPUTE_STATUSES = ["pending", "approved", "rejected"] as const;
export const APPS = ["portal", "tenant"] as const;
export const ACTOR_TYPES = ["staff", "user", "api_key", "system"] as const;
export const INCIDENT_SEVERITIES = ["sev1", "sev2", "sev3", "sev4"] as const;
export const INCIDENT_STATUSES = ["open", "acknowledged", "waiting_on_customer", "resolved"] as const;
/** Who opened an incident: staff, the tenant (a support request) or an alert. */
export const INCIDENT_SOURCES = ["staff", "tenant", "alert"] as const;
/** internal: staff only; customer: the tenant sees it on their support request. */
export const INCIDENT_EVENT_VISIBILITIES = ["internal", "customer"] as const;
export const SLA_CALENDAR_KINDS = ["24x7", "business_hours"] as const;
export const TASK_STATUSES = ["open", "done", "canceled"] as const;
export const ACTIVITY_KINDS = ["note", "task", "email", "call", "ebr", "system"] as const;
export const PLAYBOOK_RUN_STATUSES = ["running", "completed", "canceled"] as const;
export const HEALTH_BANDS = ["healthy", "watch", "at_risk"] as const;
export const INTEGRATION_KINDS = ["quickbooks", "email", "calendar"] as const;
export const INTEGRATION_STATUSES = ["not_configured", "awaiting_authorization", "connected", "error"] as const;
export const OIDC_STATUSES = ["draft", "enabled", "disabled"] as const;
export const EMAIL_STATUSES = ["queued", "sent", "failed"] as const;
export const ALERT_STATUSES = ["firing", "acknowledged", "resolved"] as const;
export const ALERT_KINDS = ["slo_burn", "auth_spike", "rate_limit_spike", "quota", "error_spike"] as const;
