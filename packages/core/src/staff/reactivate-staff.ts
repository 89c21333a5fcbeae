import { db, type Executor } from "@pp/db";
import { accounts, staffMembers } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { displayName, lockStaff, type StaffMemberState } from "./staff-rules";

export type ReactivateStaffOptions = { actor: StaffActor; staffMemberId: string; context?: AuditContext };

/**
 * Gives a deactivated staff member their portal access back with the role they had; they sign in
 * again as before. Someone deactivated before they ever accepted has no way to sign in: invite them again.
 */
export async function reactivateStaff(
  options: ReactivateStaffOptions,
  executor: Executor = db,
): Promise<StaffMemberState> {
  const { actor, staffMemberId, context } = options;
  return executor.transaction(async (tx) => {
    const { member } = await lockStaff(tx, staffMemberId);
    if (member.status === "active") return { id: member.id, role: member.role, status: member.status, changed: false };
    if (member.status === "invited") {
      throw new AppError(
        "conflict",
        `${displayName(member)} has not accepted their invitation yet — send it again instead`,
      );
    }

    const [signIn] = await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.userId, member.userId))
      .limit(1);
    if (!signIn) {
      throw new AppError(
        "conflict",
        `${displayName(member)} never accepted their invitation — invite them again instead`,
      );
    }

    await tx.update(staffMembers).set({ status: "active", deactivatedAt: null }).where(eq(staffMembers.id, member.id));
    await recordAuditEvent(
      {
        actor,
        action: "staff.reactivated",
        target: { type: "staff_member", id: member.id },
        before: { userId: member.userId, email: member.email, role: member.role, status: member.status },
        after: { userId: member.userId, email: member.email, role: member.role, status: "active" },
        context,
      },
      tx,
    );
    return { id: member.id, role: member.role, status: "active", changed: true };
  });
}
