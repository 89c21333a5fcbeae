import { db, type Executor } from "@pp/db";
import { healthScores } from "@pp/db/schema";
import { sql } from "drizzle-orm";
import { scoreHealth } from "./health-components";
import { readHealthSignals } from "./health-signals";

const BATCH = 1_000;

/**
 * Scores tenants as of `now` and upserts one `health_scores` row per tenant for that UTC day
 * (a second run the same day replaces it). Without `tenantIds`: every tenant that is not churned
 * (the nightly job); with them: on demand.
 */
export async function computeHealthScores(
  { now = new Date(), tenantIds }: { now?: Date; tenantIds?: readonly string[] } = {},
  executor: Executor = db,
): Promise<{ scored: number; day: string }> {
  const day = now.toISOString().slice(0, 10);
  const signals = await readHealthSignals({ asOf: now, tenantIds }, executor);
  const rows = [...signals].map(([tenantId, tenantSignals]) => {
    const { score, band, components } = scoreHealth(tenantSignals);
    return { tenantId, day, score, band, components, createdAt: now };
  });
  for (let start = 0; start < rows.length; start += BATCH) {
    await executor
      .insert(healthScores)
      .values(rows.slice(start, start + BATCH))
      .onConflictDoUpdate({
        target: [healthScores.tenantId, healthScores.day],
        set: {
          score: sql`excluded.score`,
          band: sql`excluded.band`,
          components: sql`excluded.components`,
          createdAt: sql`excluded.created_at`,
        },
      });
  }
  return { scored: rows.length, day };
}
