import { db, type Executor } from "@pp/db";
import type { AuditContext } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { changeIncident, type IncidentChangeResult } from "./change-incident";

/** Resume: staff stop waiting on the customer; the resolve clock runs again. */
export async function resumeIncident(
  options: { incidentId: string; actor: StaffActor; now?: Date; context?: AuditContext },
  executor: Executor = db,
): Promise<IncidentChangeResult> {
  return changeIncident(
    {
      ...options,
      now: options.now ?? new Date(),
      decide: (incident) => {
        if (incident.status !== "waiting_on_customer")
          throw new AppError("conflict", "This incident is not waiting on the customer");
        return { kind: "resumed", visibility: "internal", set: { status: "acknowledged" }, timeline: "Work resumed" };
      },
    },
    executor,
  );
}
