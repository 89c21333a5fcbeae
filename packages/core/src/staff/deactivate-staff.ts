import { db, type Executor } from "@pp/db";
import { sessions, staffMembers, verifications } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import {
  invitationIdentifier,
  isLastActiveAdmin,
  lastAdminConflict,
  lockStaff,
  refuseSelf,
  type StaffMemberState,
} from "./staff-rules";

export type DeactivateStaffOptions = { actor: StaffActor; staffMemberId: string; now?: Date; context?: AuditContext };

/**
 * Takes a staff member's portal access away at once: status `deactivated`, every portal session
 * deleted (their next request is signed out) and any pending invitation link voided. Their
 * tenant-app sessions and user account stay. Nobody deactivates themselves or the last active admin.
 */
export async function deactivateStaff(
  options: DeactivateStaffOptions,
  executor: Executor = db,
): Promise<StaffMemberState> {
  const { actor, staffMemberId, context } = options;
  const now = options.now ?? new Date();
  return executor.transaction(async (tx) => {
    const { member, activeAdmins } = await lockStaff(tx, staffMemberId);
    if (member.status === "deactivated") {
      return { id: member.id, role: member.role, status: member.status, changed: false };
    }
    refuseSelf(actor, member, "deactivate yourself");
    if (isLastActiveAdmin(member, activeAdmins)) throw lastAdminConflict(member, "deactivated");

    await tx
      .update(staffMembers)
      .set({ status: "deactivated", deactivatedAt: now })
      .where(eq(staffMembers.id, member.id));
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, member.userId), eq(sessions.app, "portal")))
      .returning({ id: sessions.id });
    await tx.delete(verifications).where(eq(verifications.identifier, invitationIdentifier(member.id)));
    await recordAuditEvent(
      {
        actor,
        action: "staff.deactivated",
        target: { type: "staff_member", id: member.id },
        before: { userId: member.userId, email: member.email, role: member.role, status: member.status },
        after: { userId: member.userId, email: member.email, role: member.role, status: "deactivated" },
        metadata: { sessionsEnded: ended.length },
        context,
      },
      tx,
    );
    return { id: member.id, role: member.role, status: "deactivated", changed: true };
  });
}
