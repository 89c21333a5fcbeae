import type { Executor } from "@pp/db";
import { STAFF_ROLES, type STAFF_STATUSES, staffMembers, users } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { isUuid } from "../parse-input";

export type StaffRole = (typeof STAFF_ROLES)[number];
export type StaffStatus = (typeof STAFF_STATUSES)[number];

export const ZStaffRole = z.enum(STAFF_ROLES, `must be one of ${STAFF_ROLES.join(", ")}`);

export type StaffMemberRow = {
  id: string;
  userId: string;
  role: StaffRole;
  status: StaffStatus;
  name: string;
  email: string;
};

/** What write functions return: the member as the staff list shows it after the change. */
export type StaffMemberState = { id: string; role: StaffRole; status: StaffStatus; changed: boolean };

/**
 * Locks every staff row for the rest of the transaction and returns the one asked for, so two
 * admins demoting or deactivating each other at the same moment cannot leave the portal without one.
 */
export async function lockStaff(
  tx: Executor,
  staffMemberId: string,
): Promise<{ member: StaffMemberRow; activeAdmins: number }> {
  const notFound = new AppError("not_found", "Staff member not found");
  if (!isUuid(staffMemberId)) throw notFound;
  const rows = await tx
    .select({
      id: staffMembers.id,
      userId: staffMembers.userId,
      role: staffMembers.role,
      status: staffMembers.status,
      name: users.name,
      email: users.email,
    })
    .from(staffMembers)
    .innerJoin(users, eq(users.id, staffMembers.userId))
    .for("update", { of: staffMembers });
  const member = rows.find((row) => row.id === staffMemberId);
  if (!member) throw notFound;
  const activeAdmins = rows.filter((row) => row.role === "admin" && row.status === "active").length;
  return { member, activeAdmins };
}

/** Whether the change would leave no active admin, i.e. nobody able to manage staff. */
export function isLastActiveAdmin(member: StaffMemberRow, activeAdmins: number): boolean {
  return member.role === "admin" && member.status === "active" && activeAdmins <= 1;
}

export function lastAdminConflict(member: StaffMemberRow, verb: "demoted" | "deactivated"): AppError {
  return new AppError(
    "conflict",
    `${displayName(member)} is the only active admin and cannot be ${verb} — make another staff member an admin first`,
  );
}

/** Admins cannot lock themselves out: another admin must demote or deactivate them. */
export function refuseSelf(
  actor: StaffActor,
  member: StaffMemberRow,
  doing: "change your own role" | "deactivate yourself",
) {
  if (actor.userId === member.userId) {
    throw new AppError("conflict", `You cannot ${doing} — ask another admin to do it`);
  }
}

export function displayName(member: { name: string; email: string }): string {
  return member.name.trim() || member.email;
}

/** The verifications identifier of a staff member's pending invitation (Better Auth's table, our own identifiers). */
export function invitationIdentifier(staffMemberId: string): string {
  return `${INVITATION_IDENTIFIER_PREFIX}${staffMemberId}`;
}

export const INVITATION_IDENTIFIER_PREFIX = "staff-invite:";
