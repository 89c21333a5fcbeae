import type { Executor } from "@pp/db";
import { leads } from "@pp/db/schema";
import { and, eq, inArray } from "drizzle-orm";

/** When each of the tenant's leads named by these invoice lines was received (to order lead lines by date). */
export async function leadReceivedDates(
  executor: Executor,
  tenantId: string,
  lines: readonly { leadId: string | null }[],
): Promise<Map<string, Date>> {
  const ids = [...new Set(lines.flatMap((line) => (line.leadId ? [line.leadId] : [])))];
  if (ids.length === 0) return new Map();
  const rows = await executor
    .select({ id: leads.id, receivedAt: leads.receivedAt })
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), inArray(leads.id, ids)));
  return new Map(rows.map((row) => [row.id, row.receivedAt]));
}
