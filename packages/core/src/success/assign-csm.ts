import { db, type Executor } from "@pp/db";
import { activities, staffMembers, tenants, users } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { getTenantOrThrow } from "./get-tenant-or-throw";

export const ZAssignCsm = z.object({ csmUserId: z.string().min(1).max(100).nullable() });

/** Assign (or with null clear) the client's CSM: an active staff member who can write success records. */
export async function assignCsm(
  options: z.input<typeof ZAssignCsm> & { tenantId: string; actor: StaffActor; now?: Date; context?: AuditContext },
  executor: Executor = db,
): Promise<{ csmUserId: string | null }> {
  const { tenantId, actor, now = new Date(), context, ...input } = options;
  const { csmUserId } = parseInput(ZAssignCsm, input);
  return executor.transaction(async (tx) => {
    const tenant = await getTenantOrThrow({ tenantId }, tx);
    let name: string | null = null;
    if (csmUserId) {
      const [staff] = await tx
        .select({ role: staffMembers.role, name: users.name })
        .from(staffMembers)
        .innerJoin(users, eq(users.id, staffMembers.userId))
        .where(and(eq(staffMembers.userId, csmUserId), eq(staffMembers.status, "active")));
      if (!staff || staff.role === "viewer") {
        throw new AppError(
          "validation_failed",
          'Invalid field "csmUserId": pick an active staff member who can work clients',
          {
            details: [{ path: "csmUserId", message: "must be an active staff member who is not a viewer" }],
          },
        );
      }
      name = staff.name;
    }
    if (tenant.csmUserId === csmUserId) return { csmUserId };
    await tx.update(tenants).set({ csmUserId, updatedAt: now }).where(eq(tenants.id, tenant.id));
    await tx.insert(activities).values({
      tenantId: tenant.id,
      kind: "system",
      title: name ? `CSM assigned: ${name}` : "CSM unassigned",
      actorId: actor.userId,
      relatedType: "tenant",
      relatedId: tenant.id,
      at: now,
    });
    await recordAuditEvent(
      {
        actor,
        action: "tenant.csm_assigned",
        tenantId: tenant.id,
        target: { type: "tenant", id: tenant.id },
        before: { csmUserId: tenant.csmUserId },
        after: { csmUserId },
        context,
      },
      tx,
    );
    return { csmUserId };
  });
}
