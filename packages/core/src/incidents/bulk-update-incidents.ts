import { db, type Executor } from "@pp/db";
import { z } from "zod";
import type { AuditContext } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { isAppError } from "../errors";
import { parseInput } from "../parse-input";
import { acknowledgeIncident } from "./acknowledge-incident";
import { assignIncident } from "./assign-incident";
import { incidentText } from "./incident-input";
import { resolveIncident } from "./resolve-incident";

export const ZBulkUpdateIncidents = z.discriminatedUnion("action", [
  z.object({ action: z.literal("acknowledge"), ids: z.array(z.string().min(1).max(100)).min(1).max(100) }),
  z.object({
    action: z.literal("assign"),
    ids: z.array(z.string().min(1).max(100)).min(1).max(100),
    assigneeId: z.string().min(1).max(100).nullable(),
  }),
  z.object({
    action: z.literal("resolve"),
    ids: z.array(z.string().min(1).max(100)).min(1).max(100),
    note: incidentText("A resolution note", 10_000),
  }),
]);
export type TBulkUpdateIncidents = z.input<typeof ZBulkUpdateIncidents>;

export type BulkItemResult =
  | { id: string; ok: true; status: string }
  | { id: string; ok: false; error: { code: string; message: string } };

/**
 * Bulk acknowledge / assign / resolve: each incident in its own transaction, so one that
 * cannot change (already resolved, unknown id) does not hold back the others; one result per id.
 */
export async function bulkUpdateIncidents(
  options: TBulkUpdateIncidents & { actor: StaffActor; now?: Date; context?: AuditContext },
  executor: Executor = db,
): Promise<{ results: BulkItemResult[]; succeeded: number; failed: number }> {
  const input = parseInput(ZBulkUpdateIncidents, options);
  const common = { actor: options.actor, now: options.now, context: options.context };
  const results: BulkItemResult[] = [];
  for (const id of [...new Set(input.ids)]) {
    try {
      const result =
        input.action === "acknowledge"
          ? await acknowledgeIncident({ ...common, incidentId: id }, executor)
          : input.action === "assign"
            ? await assignIncident({ ...common, incidentId: id, assigneeId: input.assigneeId }, executor)
            : await resolveIncident({ ...common, incidentId: id, note: input.note }, executor);
      results.push({ id, ok: true, status: result.status });
    } catch (error) {
      if (!isAppError(error)) throw error;
      results.push({ id, ok: false, error: { code: error.code, message: error.message } });
    }
  }
  const succeeded = results.filter((result) => result.ok).length;
  return { results, succeeded, failed: results.length - succeeded };
}
