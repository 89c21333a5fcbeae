import { db, type Executor } from "@pp/db";
import { z } from "zod";
import type { AuditContext } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { changeIncident, type IncidentChangeResult } from "./change-incident";
import { incidentText } from "./incident-input";

export const ZReopenIncident = z.object({ note: incidentText("Say why it is reopened", 10_000) });
export type TReopenIncident = z.input<typeof ZReopenIncident>;

/** Reopen a resolved incident: the resolve clock continues where it stopped. */
export async function reopenIncident(
  options: TReopenIncident & { incidentId: string; actor: StaffActor; now?: Date; context?: AuditContext },
  executor: Executor = db,
): Promise<IncidentChangeResult> {
  const { note } = parseInput(ZReopenIncident, { note: options.note });
  return changeIncident(
    {
      ...options,
      now: options.now ?? new Date(),
      decide: (incident) => {
        if (incident.status !== "resolved") throw new AppError("conflict", "Only a resolved incident can be reopened");
        return {
          kind: "reopened",
          note,
          visibility: "customer",
          set: { status: incident.acknowledgedAt ? "acknowledged" : "open", resolvedAt: null, resolutionNote: null },
          timeline: "Reopened",
        };
      },
    },
    executor,
  );
}
