import type pg from "pg";
import { CopyBuffer, copyBuffer, copyText } from "../copy";

// COPY column lists of every table the demo writes, in foreign-key order: copying the buffers in
// this order lets each batch reference rows of the tables before it.
const DEMO_TABLE_COLUMNS = {
  organizations: ["id", "name", "created_at", "updated_at"],
  users: ["id", "name", "email", "email_verified", "created_at", "updated_at"],
  accounts: ["id", "account_id", "provider_id", "user_id", "password", "created_at", "updated_at"],
  staff_members: ["id", "user_id", "role", "status", "created_at", "updated_at"],
  tenants: [
    "id",
    "org_id",
    "name",
    "slug",
    "status",
    "trade",
    "service_areas",
    "region",
    "timezone",
    "plan_id",
    "csm_user_id",
    "onboarding_status",
    "contact_name",
    "contact_email",
    "contact_phone",
    "billing_email",
    "business_hours",
    "created_at",
    "updated_at",
  ],
  memberships: ["id", "tenant_id", "user_id", "role", "created_at", "updated_at"],
  subscriptions: [
    "id",
    "tenant_id",
    "plan_id",
    "status",
    "current_period_start",
    "current_period_end",
    "cancel_at_period_end",
    "trial_end",
    "canceled_at",
    "quantity",
    "mrr_cents",
    "currency",
    "created_at",
    "updated_at",
  ],
  subscription_events: [
    "id",
    "tenant_id",
    "subscription_id",
    "type",
    "from_plan_id",
    "to_plan_id",
    "mrr_before_cents",
    "mrr_after_cents",
    "effective_at",
    "created_at",
  ],
  invoices: [
    "id",
    "tenant_id",
    "subscription_id",
    "number",
    "status",
    "currency",
    "period_start",
    "period_end",
    "subtotal_cents",
    "discount_cents",
    "credit_cents",
    "total_cents",
    "amount_paid_cents",
    "amount_due_cents",
    "issued_at",
    "due_at",
    "paid_at",
    "voided_at",
    "retry_attempts",
    "next_retry_at",
    "last_reminder_at",
    "created_at",
    "updated_at",
  ],
  invoice_lines: [
    "id",
    "tenant_id",
    "invoice_id",
    "kind",
    "description",
    "quantity",
    "unit_amount_cents",
    "amount_cents",
    "lead_id",
    "included",
    "created_at",
  ],
  payments: [
    "id",
    "tenant_id",
    "invoice_id",
    "status",
    "amount_cents",
    "currency",
    "failure_reason",
    "external_id",
    "attempted_at",
    "created_at",
  ],
  leads: [
    "id",
    "tenant_id",
    "source",
    "category",
    "status",
    "contact",
    "service_address",
    "description",
    "price_cents",
    "billing_status",
    "invoice_line_id",
    "dedupe_key",
    "external_id",
    "received_at",
    "created_at",
    "updated_at",
  ],
  attributions: ["id", "tenant_id", "lead_id", "channel", "campaign", "cost_cents", "created_at"],
  lead_disputes: [
    "id",
    "tenant_id",
    "lead_id",
    "reason_code",
    "evidence_note",
    "status",
    "raised_by",
    "decided_by",
    "decided_at",
    "decision_note",
    "auto_approved_rule",
    "credit_cents",
    "created_at",
    "updated_at",
  ],
  lead_reclassifications: [
    "id",
    "tenant_id",
    "lead_id",
    "from_category",
    "to_category",
    "from_price_cents",
    "to_price_cents",
    "reason",
    "actor_id",
    "created_at",
  ],
  feature_usage: ["id", "tenant_id", "user_id", "app", "feature_key", "count", "metadata", "at"],
  incidents: [
    "id",
    "tenant_id",
    "title",
    "description",
    "severity",
    "status",
    "assignee_id",
    "escalation_level",
    "opened_at",
    "ack_due_at",
    "resolve_due_at",
    "acknowledged_at",
    "resolved_at",
    "created_at",
    "updated_at",
  ],
  incident_events: ["id", "incident_id", "kind", "actor_id", "note", "data", "at"],
  nps_responses: ["id", "tenant_id", "user_id", "score", "comment", "responded_at"],
  playbook_runs: ["id", "tenant_id", "playbook_id", "status", "started_by", "started_at", "completed_at"],
  tasks: [
    "id",
    "tenant_id",
    "title",
    "description",
    "kind",
    "status",
    "owner_id",
    "due_at",
    "completed_at",
    "related_type",
    "related_id",
    "playbook_run_id",
    "created_by",
    "created_at",
    "updated_at",
  ],
  notes: ["id", "tenant_id", "author_id", "body", "created_at", "updated_at"],
  activities: ["id", "tenant_id", "kind", "title", "actor_id", "related_type", "related_id", "metadata", "at"],
  api_keys: [
    "id",
    "tenant_id",
    "name",
    "prefix",
    "hash",
    "scopes",
    "created_by",
    "last_used_at",
    "expires_at",
    "revoked_at",
    "rate_limit_per_minute",
    "created_at",
    "updated_at",
  ],
  audit_events: [
    "id",
    "at",
    "actor_type",
    "actor_id",
    "actor_label",
    "tenant_id",
    "action",
    "target_type",
    "target_id",
    "before",
    "after",
    "metadata",
  ],
  tenant_onboarding: [
    "id",
    "tenant_id",
    "template_id",
    "status",
    "checklist",
    "version",
    "readiness_score",
    "started_at",
    "completed_at",
    "go_live_at",
    "last_progress_at",
    "created_at",
    "updated_at",
  ],
} as const;

export type DemoTable = keyof typeof DEMO_TABLE_COLUMNS;
export const DEMO_TABLES = Object.keys(DEMO_TABLE_COLUMNS) as DemoTable[];

/** One COPY buffer per demo table. */
export type DemoBuffers = Record<DemoTable, CopyBuffer>;

export function createDemoBuffers(): DemoBuffers {
  const buffers: Partial<DemoBuffers> = {};
  for (const table of DEMO_TABLES) buffers[table] = new CopyBuffer(table, DEMO_TABLE_COLUMNS[table]);
  return buffers as DemoBuffers;
}

/** Copies every buffered row, tables in foreign-key order. */
export async function copyDemoBuffers(
  client: pg.ClientBase,
  buffers: DemoBuffers,
  log: (line: string) => void = () => {},
): Promise<void> {
  for (const table of DEMO_TABLES) {
    const started = performance.now();
    if (table === "audit_events") await copyAuditEvents(client, buffers[table]);
    else await copyBuffer(client, buffers[table]);
    log(`copy ${table}: ${Math.round(performance.now() - started)} ms`);
  }
}

/**
 * The audit trail is append-only (a trigger refuses deletes), so a re-run cannot remove the
 * previous demo's events: the same seed writes the same ids, and events already there are kept.
 */
async function copyAuditEvents(client: pg.ClientBase, buffer: CopyBuffer): Promise<void> {
  const chunks = buffer.take();
  if (chunks.length === 0) return;
  await client.query(
    "create temporary table if not exists demo_audit_events (like audit_events including defaults) on commit drop",
  );
  await client.query("truncate demo_audit_events");
  await copyText(client, { table: "demo_audit_events", columns: buffer.columns }, chunks);
  await client.query("insert into audit_events select * from demo_audit_events on conflict (id) do nothing");
}
