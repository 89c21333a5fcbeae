import { db, type Executor } from "@pp/db";
import { z } from "zod";
import type { AuditContext } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { changeIncident, type IncidentChangeResult } from "./change-incident";
import { incidentText } from "./incident-input";

export const ZResolveIncident = z.object({ note: incidentText("A resolution note", 10_000) });
export type TResolveIncident = z.input<typeof ZResolveIncident>;

/** Resolve with a resolution note (the customer reads it); stops the resolve clock. */
export async function resolveIncident(
  options: TResolveIncident & { incidentId: string; actor: StaffActor; now?: Date; context?: AuditContext },
  executor: Executor = db,
): Promise<IncidentChangeResult> {
  const { note } = parseInput(ZResolveIncident, { note: options.note });
  const now = options.now ?? new Date();
  return changeIncident(
    {
      ...options,
      now,
      decide: (incident) => {
        if (incident.status === "resolved") throw new AppError("conflict", "This incident is already resolved");
        return {
          kind: "resolved",
          note,
          visibility: "customer",
          set: {
            status: "resolved",
            resolvedAt: now,
            resolutionNote: note,
            // Resolving unacknowledged work acknowledges it too: MTTA never exceeds MTTR.
            acknowledgedAt: incident.acknowledgedAt ?? now,
          },
          timeline: "Resolved",
          featureKey: "ResolveIncident",
        };
      },
    },
    executor,
  );
}
