import { db, type Executor } from "@pp/db";
import { healthScores } from "@pp/db/schema";
import { and, desc, eq, gte, lte } from "drizzle-orm";
import { getTenantOrThrow } from "../success/get-tenant-or-throw";
import { computeHealthScores } from "./compute-health-scores";
import { explainHealthChange, type HealthChange } from "./explain-health";
import type { HealthBand, HealthBreakdown } from "./health-components";

export type TenantHealth = {
  score: number;
  band: HealthBand;
  day: string;
  components: Partial<HealthBreakdown>;
  /** The score a week before (the newest at least 7 days older); null without one. */
  previous: { score: number; day: string } | null;
  trend: "up" | "down" | "flat" | null;
  changes: HealthChange[];
  history: { day: string; score: number; band: HealthBand }[];
};

const DAY_MS = 86_400_000;
export const HISTORY_DAYS = 180;

/** One client's health: the latest score (computed now if it has none), trend, reasons and history. */
export async function getTenantHealth(
  { tenantId, now = new Date() }: { tenantId: string; now?: Date },
  executor: Executor = db,
): Promise<TenantHealth> {
  const tenant = await getTenantOrThrow({ tenantId }, executor);
  let history = await readHistory(tenant.id, now, executor);
  if (history.length === 0) {
    await computeHealthScores({ now, tenantIds: [tenant.id] }, executor);
    history = await readHistory(tenant.id, now, executor);
  }
  const latest = history.at(-1);
  if (!latest) throw new Error("health score missing after computing it");
  const weekBefore = new Date(Date.parse(latest.day) - 7 * DAY_MS).toISOString().slice(0, 10);
  const previous = [...history].reverse().find((row) => row.day <= weekBefore) ?? null;
  const delta = previous ? latest.score - previous.score : null;
  return {
    score: latest.score,
    band: latest.band,
    day: latest.day,
    components: latest.components,
    previous: previous ? { score: previous.score, day: previous.day } : null,
    trend: delta === null ? null : delta > 0 ? "up" : delta < 0 ? "down" : "flat",
    changes: previous ? explainHealthChange(previous.components, latest.components) : [],
    history: history.map(({ day, score, band }) => ({ day, score, band })),
  };
}

async function readHistory(tenantId: string, now: Date, executor: Executor) {
  const from = new Date(now.getTime() - HISTORY_DAYS * DAY_MS).toISOString().slice(0, 10);
  const rows = await executor
    .select({
      day: healthScores.day,
      score: healthScores.score,
      band: healthScores.band,
      components: healthScores.components,
    })
    .from(healthScores)
    .where(
      and(
        eq(healthScores.tenantId, tenantId),
        gte(healthScores.day, from),
        lte(healthScores.day, now.toISOString().slice(0, 10)),
      ),
    )
    .orderBy(desc(healthScores.day))
    .limit(HISTORY_DAYS + 1);
  return rows.reverse().map((row) => ({ ...row, components: row.components as Partial<HealthBreakdown> }));
}
