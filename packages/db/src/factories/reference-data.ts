import { sql } from "drizzle-orm";
import type { Executor } from "../client";
import { leadCategories, plans, playbooks, slaPolicies } from "../schema";
import {
  LEAD_CATEGORY_DEFINITIONS,
  PLAN_DEFINITIONS,
  PLAYBOOK_DEFINITIONS,
  type PlanCode,
  type Severity,
  SLA_DEFINITIONS,
} from "./catalog";

export type Plan = typeof plans.$inferSelect;
export type LeadCategory = typeof leadCategories.$inferSelect;
export type SlaPolicy = typeof slaPolicies.$inferSelect;
export type Playbook = typeof playbooks.$inferSelect;

export type ReferenceData = {
  plans: Record<PlanCode, Plan>;
  /** Keyed `trade:code`, e.g. `plumbing:water_heater`. */
  categories: Map<string, LeadCategory>;
  slaPolicies: Record<Severity, SlaPolicy>;
  playbooks: Map<string, Playbook>;
};

/** Upserts plans, lead categories, SLA policies and playbooks by their natural keys; safe to run any time. */
export async function ensureReferenceData(executor: Executor): Promise<ReferenceData> {
  const planRows = await executor
    .insert(plans)
    .values(PLAN_DEFINITIONS.map((plan) => ({ ...plan, interval: "month" as const, currency: "USD" })))
    .onConflictDoUpdate({
      target: plans.code,
      set: {
        name: sql`excluded.name`,
        priceCents: sql`excluded.price_cents`,
        includedLeads: sql`excluded.included_leads`,
        pricePerLeadCents: sql`excluded.price_per_lead_cents`,
        apiRateLimitPerMinute: sql`excluded.api_rate_limit_per_minute`,
        features: sql`excluded.features`,
      },
    })
    .returning();
  const categoryRows = await executor
    .insert(leadCategories)
    .values([...LEAD_CATEGORY_DEFINITIONS])
    .onConflictDoUpdate({
      target: [leadCategories.trade, leadCategories.code],
      set: { name: sql`excluded.name`, priceCents: sql`excluded.price_cents` },
    })
    .returning();
  const slaRows = await executor
    .insert(slaPolicies)
    .values([...SLA_DEFINITIONS])
    .onConflictDoUpdate({
      target: slaPolicies.severity,
      set: { ackMinutes: sql`excluded.ack_minutes`, resolveMinutes: sql`excluded.resolve_minutes` },
    })
    .returning();
  // Playbooks are templates admins edit in the portal: created once, never overwritten here.
  await executor
    .insert(playbooks)
    .values([...PLAYBOOK_DEFINITIONS])
    .onConflictDoNothing({ target: playbooks.code });
  const playbookRows = await executor.select().from(playbooks);
  return {
    plans: byKey(planRows, (plan) => plan.code as PlanCode),
    categories: new Map(categoryRows.map((category) => [`${category.trade}:${category.code}`, category])),
    slaPolicies: byKey(slaRows, (policy) => policy.severity),
    playbooks: new Map(playbookRows.map((playbook) => [playbook.code, playbook])),
  };
}

function byKey<K extends string, V>(rows: V[], keyOf: (row: V) => K): Record<K, V> {
  const record: Partial<Record<K, V>> = {};
  for (const row of rows) record[keyOf(row)] = row;
  return record as Record<K, V>;
}
