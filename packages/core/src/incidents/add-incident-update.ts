import { db, type Executor } from "@pp/db";
import { INCIDENT_EVENT_VISIBILITIES } from "@pp/db/schema";
import { z } from "zod";
import type { AuditContext } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { parseInput } from "../parse-input";
import { changeIncident, type IncidentChangeResult } from "./change-incident";
import { incidentText } from "./incident-input";

export const ZAddIncidentUpdate = z.object({
  note: incidentText("The update", 10_000),
  /** customer: a reply the client reads (and gets by email); internal: staff only. */
  visibility: z.enum(INCIDENT_EVENT_VISIBILITIES).default("internal"),
});
export type TAddIncidentUpdate = z.input<typeof ZAddIncidentUpdate>;

/** Add an update: an internal note, or a reply to the customer (emailed to the requester). */
export async function addIncidentUpdate(
  options: TAddIncidentUpdate & { incidentId: string; actor: StaffActor; now?: Date; context?: AuditContext },
  executor: Executor = db,
): Promise<IncidentChangeResult> {
  const input = parseInput(ZAddIncidentUpdate, { note: options.note, visibility: options.visibility });
  return changeIncident(
    {
      ...options,
      now: options.now ?? new Date(),
      decide: () => ({
        kind: "update",
        note: input.note,
        visibility: input.visibility,
        timeline: input.visibility === "customer" ? "Support replied" : "Internal update",
      }),
    },
    executor,
  );
}
