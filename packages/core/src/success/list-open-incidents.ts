import { db, type Executor } from "@pp/db";
import { incidents } from "@pp/db/schema";
import { and, desc, eq, ne } from "drizzle-orm";

/** A client's unresolved incidents, newest first, with severity, SLA targets and escalation level. */
export async function listOpenIncidents({ tenantId }: { tenantId: string }, executor: Executor = db) {
  return executor
    .select({
      id: incidents.id,
      title: incidents.title,
      severity: incidents.severity,
      status: incidents.status,
      escalationLevel: incidents.escalationLevel,
      openedAt: incidents.openedAt,
      ackDueAt: incidents.ackDueAt,
      resolveDueAt: incidents.resolveDueAt,
      acknowledgedAt: incidents.acknowledgedAt,
    })
    .from(incidents)
    .where(and(eq(incidents.tenantId, tenantId), ne(incidents.status, "resolved")))
    .orderBy(desc(incidents.openedAt))
    .limit(20);
}
