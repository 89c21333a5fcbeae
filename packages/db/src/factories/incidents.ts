import { eq } from "drizzle-orm";
import type { Executor } from "../client";
import { incidents, slaPolicies } from "../schema";
import type { Severity } from "./catalog";
import { MINUTE_MS } from "./ids";

export type Incident = typeof incidents.$inferSelect;
export type IncidentInput = Partial<typeof incidents.$inferInsert> & { severity?: Severity };

/**
 * A support incident whose ack and resolve due times follow its severity's SLA policy
 * (run ensureReferenceData first). Defaults: an open sev3 opened now, for no tenant.
 */
export async function createIncident(executor: Executor, input: IncidentInput = {}): Promise<Incident> {
  const severity = input.severity ?? "sev3";
  const openedAt = input.openedAt ?? new Date();
  const [policy] = await executor.select().from(slaPolicies).where(eq(slaPolicies.severity, severity)).limit(1);
  if (!policy) throw new Error(`no SLA policy for ${severity}: run ensureReferenceData first`);
  const [incident] = await executor
    .insert(incidents)
    .values({
      title: `Incident (${severity})`,
      ackDueAt: new Date(openedAt.getTime() + policy.ackMinutes * MINUTE_MS),
      resolveDueAt: new Date(openedAt.getTime() + policy.resolveMinutes * MINUTE_MS),
      ...input,
      severity,
      openedAt,
    })
    .returning();
  if (!incident) throw new Error("incident insert returned no row");
  return incident;
}
