import { db, type Executor } from "@pp/db";
import { INCIDENT_SEVERITIES, tenants } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { AuditContext } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { assertAssignableStaff } from "./assignable-staff";
import type { Incident } from "./change-incident";
import { incidentText } from "./incident-input";
import { insertIncident } from "./insert-incident";

export const ZCreateIncident = z.object({
  title: incidentText("A title", 200),
  description: incidentText("A description", 10_000).optional(),
  severity: z.enum(INCIDENT_SEVERITIES),
  tenantId: z.string().uuid("must be a client id").optional(),
  assigneeId: z.string().min(1).max(100).optional(),
  /** Where staff opened it from (list, client, action center): kept on the created event. */
  origin: z.enum(["list", "client", "action_center"]).optional(),
});
export type TCreateIncident = z.input<typeof ZCreateIncident>;

/** Staff open an incident, for one client or platform-wide; the SLA clocks start now. */
export async function createIncident(
  options: TCreateIncident & { actor: StaffActor; now?: Date; context?: AuditContext },
  executor: Executor = db,
): Promise<Incident> {
  const input = parseInput(ZCreateIncident, options);
  const now = options.now ?? new Date();
  return executor.transaction(async (tx) => {
    if (input.tenantId) {
      const [tenant] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, input.tenantId)).limit(1);
      if (!tenant) {
        throw new AppError("validation_failed", 'Invalid field "tenantId"', {
          details: [{ path: "tenantId", message: "no such client" }],
        });
      }
    }
    if (input.assigneeId) await assertAssignableStaff(input.assigneeId, tx);
    return insertIncident(
      {
        tenantId: input.tenantId ?? null,
        title: input.title,
        description: input.description ?? null,
        severity: input.severity,
        source: "staff",
        requestedById: null,
        assigneeId: input.assigneeId ?? null,
        data: input.origin ? { origin: input.origin } : {},
        actor: options.actor,
        now,
        context: options.context,
        featureKey: "CreateIncident",
      },
      tx,
    );
  });
}
