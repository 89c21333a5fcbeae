import { db, type Executor } from "@pp/db";
import { memberships, TENANT_ROLES } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { MemberActor } from "../auth/actors";
import { parseInput } from "../parse-input";
import { lastOwnerConflict, lockMembers } from "./team-rules";

export const ZChangeMemberRole = z.object({
  role: z.enum(TENANT_ROLES, "must be owner, dispatcher or technician"),
});

type Role = (typeof TENANT_ROLES)[number];

export type ChangeMemberRoleOptions = {
  tenantId: string;
  actor: MemberActor;
  memberId: string;
  role: Role;
  context?: AuditContext;
};

/** Gives a member another role; the tenant's last owner cannot be demoted. */
export async function changeMemberRole(
  options: ChangeMemberRoleOptions,
  executor: Executor = db,
): Promise<{ id: string; role: Role; changed: boolean }> {
  const { tenantId, actor, memberId } = options;
  const { role } = parseInput(ZChangeMemberRole, { role: options.role });
  return executor.transaction(async (tx) => {
    const { member, owners } = await lockMembers(tx, tenantId, memberId);
    if (member.role === role) return { id: member.id, role, changed: false };
    if (member.role === "owner" && owners <= 1) throw lastOwnerConflict(member, "demoted");

    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.id, member.id), eq(memberships.tenantId, tenantId)));
    await recordAuditEvent(
      {
        actor,
        context: options.context,
        action: "team.role_changed",
        tenantId,
        target: { type: "membership", id: member.id },
        before: { userId: member.userId, email: member.email, role: member.role },
        after: { userId: member.userId, email: member.email, role },
      },
      tx,
    );
    return { id: member.id, role, changed: true };
  });
}
