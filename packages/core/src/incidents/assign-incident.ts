import { db, type Executor } from "@pp/db";
import { z } from "zod";
import type { AuditContext } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { assertAssignableStaff } from "./assignable-staff";
import { changeIncident, type IncidentChangeResult } from "./change-incident";

export const ZAssignIncident = z.object({
  /** The staff user's id; null unassigns. */
  assigneeId: z.string().min(1).max(100).nullable(),
});
export type TAssignIncident = z.input<typeof ZAssignIncident>;

/** Assign (or unassign) an unresolved incident to a staff member who works incidents. */
export async function assignIncident(
  options: TAssignIncident & { incidentId: string; actor: StaffActor; now?: Date; context?: AuditContext },
  executor: Executor = db,
): Promise<IncidentChangeResult> {
  const { assigneeId } = parseInput(ZAssignIncident, { assigneeId: options.assigneeId });
  const now = options.now ?? new Date();
  if (assigneeId) await assertAssignableStaff(assigneeId, executor);
  return changeIncident(
    {
      ...options,
      now,
      decide: (incident) => {
        if (incident.status === "resolved")
          throw new AppError("conflict", "This incident is resolved — reopen it first");
        if (incident.assigneeId === assigneeId)
          throw new AppError("conflict", "The incident already has this assignee");
        return {
          kind: "assigned",
          visibility: "internal",
          data: { from: incident.assigneeId, to: assigneeId },
          set: { assigneeId },
          timeline: assigneeId ? "Assigned" : "Unassigned",
        };
      },
    },
    executor,
  );
}
