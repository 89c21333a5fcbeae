import { db, type Executor } from "@pp/db";
import { leads, tenants } from "@pp/db/schema";
import { and, count, eq, gte, inArray, notInArray, sql } from "drizzle-orm";
import { pipelineOf, stageIndexOf } from "./lead-pipeline";

const DAY_MS = 24 * 60 * 60 * 1000;

export type LeadPipelineSummary = {
  /** Open leads per stage, in pipeline order. */
  stages: { key: string; label: string; leads: number }[];
  /** Won and lost in the last `days` days (by when the lead last moved). */
  won: { leads: number; valueCents: number };
  lost: { leads: number };
  days: number;
};

/** The tenant's pipeline as its dashboard shows it: open leads per stage, recent wins (and their value) and losses. */
export async function summarizeLeadPipeline(
  options: { tenantId: string; now?: Date; days?: number },
  executor: Executor = db,
): Promise<LeadPipelineSummary> {
  const { tenantId } = options;
  const days = options.days ?? 30;
  const since = new Date((options.now ?? new Date()).getTime() - days * DAY_MS);
  const [tenant] = await executor
    .select({ pipelineStages: tenants.pipelineStages })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  const stages = pipelineOf(tenant?.pipelineStages);
  const open = await executor
    .select({ status: leads.status, stage: leads.stage, leads: count() })
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), notInArray(leads.status, ["won", "lost"])))
    .groupBy(leads.status, leads.stage);
  const closed = await executor
    .select({
      status: leads.status,
      leads: count(),
      valueCents: sql<number>`coalesce(sum(${leads.wonValueCents}), 0)::bigint`.mapWith(Number),
    })
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), inArray(leads.status, ["won", "lost"]), gte(leads.updatedAt, since)))
    .groupBy(leads.status);

  const perStage = stages.map(({ key, label }) => ({ key, label, leads: 0 }));
  for (const row of open) {
    const index = stageIndexOf(row, stages);
    const bucket = index === undefined ? undefined : perStage[index];
    if (bucket) bucket.leads += row.leads;
  }
  const won = closed.find((row) => row.status === "won");
  const lost = closed.find((row) => row.status === "lost");
  return {
    stages: perStage,
    won: { leads: won?.leads ?? 0, valueCents: won?.valueCents ?? 0 },
    lost: { leads: lost?.leads ?? 0 },
    days,
  };
}
