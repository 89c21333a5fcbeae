import { db, type Executor } from "@pp/db";
import { staffMembers } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { parseInput } from "../parse-input";
import {
  isLastActiveAdmin,
  lastAdminConflict,
  lockStaff,
  refuseSelf,
  type StaffMemberState,
  type StaffRole,
  ZStaffRole,
} from "./staff-rules";

export const ZChangeStaffRole = z.object({ role: ZStaffRole });

export type ChangeStaffRoleOptions = {
  actor: StaffActor;
  staffMemberId: string;
  role: StaffRole;
  context?: AuditContext;
};

/**
 * Gives a staff member another role (an invited one keeps the new role when they accept).
 * Nobody changes their own role, and the last active admin is never demoted.
 */
export async function changeStaffRole(
  options: ChangeStaffRoleOptions,
  executor: Executor = db,
): Promise<StaffMemberState> {
  const { actor, staffMemberId, context } = options;
  const { role } = parseInput(ZChangeStaffRole, { role: options.role });
  return executor.transaction(async (tx) => {
    const { member, activeAdmins } = await lockStaff(tx, staffMemberId);
    if (member.role === role) return { id: member.id, role, status: member.status, changed: false };
    refuseSelf(actor, member, "change your own role");
    if (isLastActiveAdmin(member, activeAdmins)) throw lastAdminConflict(member, "demoted");

    await tx.update(staffMembers).set({ role }).where(eq(staffMembers.id, member.id));
    await recordAuditEvent(
      {
        actor,
        action: "staff.role_changed",
        target: { type: "staff_member", id: member.id },
        before: { userId: member.userId, email: member.email, role: member.role },
        after: { userId: member.userId, email: member.email, role },
        context,
      },
      tx,
    );
    return { id: member.id, role, status: member.status, changed: true };
  });
}
