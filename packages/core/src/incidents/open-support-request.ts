import { db, type Executor } from "@pp/db";
import { z } from "zod";
import type { AuditContext } from "../audit/record-audit-event";
import type { MemberActor } from "../auth/actors";
import { parseInput } from "../parse-input";
import type { Incident } from "./change-incident";
import { incidentText } from "./incident-input";
import { insertIncident } from "./insert-incident";
import { SUPPORT_URGENCIES, severityForUrgency } from "./support-urgency";

export const ZOpenSupportRequest = z.object({
  subject: incidentText("A subject", 200),
  description: incidentText("A description", 10_000),
  urgency: z.enum(SUPPORT_URGENCIES),
});
export type TOpenSupportRequest = z.input<typeof ZOpenSupportRequest>;

/** A tenant member asks for help: an incident of their tenant, severity from the urgency rule. */
export async function openSupportRequest(
  options: TOpenSupportRequest & { actor: MemberActor; now?: Date; context?: AuditContext },
  executor: Executor = db,
): Promise<Incident> {
  const input = parseInput(ZOpenSupportRequest, options);
  const now = options.now ?? new Date();
  return executor.transaction((tx) =>
    insertIncident(
      {
        tenantId: options.actor.tenantId,
        title: input.subject,
        description: input.description,
        severity: severityForUrgency(input.urgency),
        source: "tenant",
        requestedById: options.actor.userId,
        data: { urgency: input.urgency },
        actor: options.actor,
        now,
        context: options.context,
        featureKey: "OpenSupportRequest",
      },
      tx,
    ),
  );
}
