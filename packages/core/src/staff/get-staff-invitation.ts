import { db, type Executor } from "@pp/db";
import { staffMembers, users } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { findInvitationLink } from "../auth/invitation-token";
import { INVITATION_IDENTIFIER_PREFIX, type StaffRole } from "./staff-rules";

export type StaffInvitationView = {
  staffMemberId: string;
  email: string;
  name: string;
  role: StaffRole;
  invitedByName: string | null;
  expiresAt: Date;
  expired: boolean;
};

/**
 * The pending invitation behind an emailed token, for the accept page to greet the invitee; null
 * when the token is unknown, already used, replaced by a newer invitation, or the member is no longer invited.
 */
export async function getStaffInvitation(
  options: { token: string; now?: Date },
  executor: Executor = db,
): Promise<StaffInvitationView | null> {
  const now = options.now ?? new Date();
  const [row] = await findInvitation(executor, options.token);
  if (!row) return null;
  const inviter = alias(users, "inviter");
  const [member] = await executor
    .select({
      id: staffMembers.id,
      status: staffMembers.status,
      role: staffMembers.role,
      email: users.email,
      name: users.name,
      invitedByName: inviter.name,
    })
    .from(staffMembers)
    .innerJoin(users, eq(users.id, staffMembers.userId))
    .leftJoin(inviter, eq(inviter.id, staffMembers.invitedBy))
    .where(eq(staffMembers.id, row.staffMemberId))
    .limit(1);
  if (member?.status !== "invited") return null;
  return {
    staffMemberId: member.id,
    email: member.email,
    name: member.name,
    role: member.role,
    invitedByName: member.invitedByName,
    expiresAt: row.expiresAt,
    expired: row.expiresAt <= now,
  };
}

/** The verifications row holding this token's hash, with the staff member id its identifier names. */
export async function findInvitation(
  executor: Executor,
  token: string,
  options: { lock?: boolean } = {},
): Promise<{ id: string; staffMemberId: string; expiresAt: Date }[]> {
  const links = await findInvitationLink(executor, { token, prefix: INVITATION_IDENTIFIER_PREFIX, lock: options.lock });
  return links.map(({ id, subjectId, expiresAt }) => ({ id, staffMemberId: subjectId, expiresAt }));
}
