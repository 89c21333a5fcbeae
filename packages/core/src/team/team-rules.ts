import type { Executor } from "@pp/db";
import { memberships, users } from "@pp/db/schema";
import { and, eq, sql } from "drizzle-orm";
import { AppError } from "../errors";
import { isUuid } from "../parse-input";

export type TeamMemberRow = {
  id: string;
  userId: string;
  role: (typeof memberships.$inferSelect)["role"];
  name: string;
  email: string;
};

/**
 * Locks every membership of the tenant for the rest of the transaction and returns the one asked for,
 * so two owners demoting each other at the same moment cannot leave the team without an owner.
 */
export async function lockMembers(
  tx: Executor,
  tenantId: string,
  memberId: string,
): Promise<{ member: TeamMemberRow; owners: number }> {
  const notFound = new AppError("not_found", "Team member not found");
  if (!isUuid(memberId)) throw notFound;
  const rows = await tx
    .select({
      id: memberships.id,
      userId: memberships.userId,
      role: memberships.role,
      name: users.name,
      email: users.email,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, tenantId))
    .for("update", { of: memberships });
  const member = rows.find((row) => row.id === memberId);
  if (!member) throw notFound;
  return { member, owners: rows.filter((row) => row.role === "owner").length };
}

export function lastOwnerConflict(member: TeamMemberRow, verb: "removed" | "demoted"): AppError {
  return new AppError(
    "conflict",
    `${member.name || member.email} is the only owner and cannot be ${verb} — make another member an owner first`,
  );
}

/** Whether a user with this email (any case) already belongs to the tenant. */
export async function isMemberEmail(tx: Executor, tenantId: string, email: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(sql`lower(${users.email})`, email.toLowerCase())))
    .limit(1);
  return Boolean(row);
}

/** The verifications row holding a team invitation link's token hash: one live link per invitation. */
export const TEAM_INVITATION_IDENTIFIER_PREFIX = "tenant-invite:";

export function teamInvitationIdentifier(invitationId: string): string {
  return `${TEAM_INVITATION_IDENTIFIER_PREFIX}${invitationId}`;
}
