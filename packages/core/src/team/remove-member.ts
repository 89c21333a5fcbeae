import { db, type Executor } from "@pp/db";
import { memberships } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { MemberActor } from "../auth/actors";
import { lastOwnerConflict, lockMembers } from "./team-rules";

/** Takes a member out of the team (their user account stays); the tenant's last owner cannot be removed. */
export async function removeMember(
  options: { tenantId: string; actor: MemberActor; memberId: string; context?: AuditContext },
  executor: Executor = db,
): Promise<void> {
  const { tenantId, actor, memberId } = options;
  await executor.transaction(async (tx) => {
    const { member, owners } = await lockMembers(tx, tenantId, memberId);
    if (member.role === "owner" && owners <= 1) throw lastOwnerConflict(member, "removed");

    await tx.delete(memberships).where(and(eq(memberships.id, member.id), eq(memberships.tenantId, tenantId)));
    await recordAuditEvent(
      {
        actor,
        context: options.context,
        action: "team.member_removed",
        tenantId,
        target: { type: "membership", id: member.id },
        before: { userId: member.userId, email: member.email, name: member.name, role: member.role },
      },
      tx,
    );
  });
}
