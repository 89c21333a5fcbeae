import { db, type Executor } from "@pp/db";
import { z } from "zod";
import type { AuditContext } from "../audit/record-audit-event";
import type { MemberActor } from "../auth/actors";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { changeIncident, type IncidentChangeResult } from "./change-incident";
import { incidentText } from "./incident-input";

export const ZReplyToSupportRequest = z.object({ note: incidentText("A reply", 10_000) });
export type TReplyToSupportRequest = z.input<typeof ZReplyToSupportRequest>;

/** The client replies on their own request; a reply to "waiting on you" restarts the resolve clock. */
export async function replyToSupportRequest(
  options: TReplyToSupportRequest & { incidentId: string; actor: MemberActor; now?: Date; context?: AuditContext },
  executor: Executor = db,
): Promise<IncidentChangeResult> {
  const { note } = parseInput(ZReplyToSupportRequest, { note: options.note });
  return changeIncident(
    {
      ...options,
      now: options.now ?? new Date(),
      decide: (incident) => {
        if (incident.status === "resolved") {
          throw new AppError("conflict", "This request is resolved — open a new one if you still need help");
        }
        return {
          kind: "customer_replied",
          note,
          visibility: "customer",
          set: incident.status === "waiting_on_customer" ? { status: "acknowledged" } : undefined,
          timeline: "Customer replied",
        };
      },
    },
    executor,
  );
}
