import { db, type Executor } from "@pp/db";
import type { AuditContext } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { changeIncident, type IncidentChangeResult } from "./change-incident";

/** Acknowledge: stops the acknowledge clock; the customer sees that someone is on it. */
export async function acknowledgeIncident(
  options: { incidentId: string; actor: StaffActor; now?: Date; context?: AuditContext },
  executor: Executor = db,
): Promise<IncidentChangeResult> {
  const now = options.now ?? new Date();
  return changeIncident(
    {
      ...options,
      now,
      decide: (incident) => {
        if (incident.status === "resolved")
          throw new AppError("conflict", "This incident is resolved — reopen it first");
        if (incident.acknowledgedAt) throw new AppError("conflict", "This incident is already acknowledged");
        return {
          kind: "acknowledged",
          visibility: "customer",
          set: {
            status: "acknowledged",
            acknowledgedAt: now,
            // Whoever acknowledges an unassigned incident owns it until someone reassigns it.
            assigneeId: incident.assigneeId ?? options.actor.userId,
          },
          timeline: "Acknowledged",
          featureKey: "AcknowledgeIncident",
        };
      },
    },
    executor,
  );
}
