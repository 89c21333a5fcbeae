import { db, type Executor } from "@pp/db";
import { incidents } from "@pp/db/schema";
import { and, desc, eq } from "drizzle-orm";
import { clockOfRow } from "./sla-state";

export type SupportRequestListItem = {
  id: string;
  subject: string;
  status: (typeof incidents.$inferSelect)["status"];
  severity: (typeof incidents.$inferSelect)["severity"];
  openedAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  /** Clients see whether we are on time, not the internal clocks. */
  respondBy: Date;
};

/** A tenant's own support requests and incidents about them, newest first (at most 100). */
export async function listSupportRequests(
  options: { tenantId: string; now?: Date },
  executor: Executor = db,
): Promise<SupportRequestListItem[]> {
  const now = options.now ?? new Date();
  const rows = await executor
    .select()
    .from(incidents)
    .where(and(eq(incidents.tenantId, options.tenantId)))
    .orderBy(desc(incidents.openedAt), desc(incidents.id))
    .limit(100);
  return rows.map((row) => ({
    id: row.id,
    subject: row.title,
    status: row.status,
    severity: row.severity,
    openedAt: row.openedAt,
    updatedAt: row.updatedAt,
    resolvedAt: row.resolvedAt,
    respondBy: clockOfRow(row, now).dueAt,
  }));
}
