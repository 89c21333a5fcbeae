import { db, type Executor } from "@pp/db";
import { STAFF_ROLES, staffMembers, verifications } from "@pp/db/schema";
import { and, eq, gt, sql } from "drizzle-orm";
import { INVITATION_IDENTIFIER_PREFIX, type StaffRole } from "./staff-rules";

export type StaffSummary = {
  active: number;
  invited: number;
  /** Invited members whose link has expired: send the invitation again. */
  invitationsExpired: number;
  deactivated: number;
  activeByRole: Record<StaffRole, number>;
};

/** Head-counts for the Security & Compliance overview: who can sign in, who is pending, who was cut off. */
export async function getStaffSummary(options: { now?: Date } = {}, executor: Executor = db): Promise<StaffSummary> {
  const now = options.now ?? new Date();
  // A live link: the invitation's verifications row, unexpired (at most one per member).
  const liveLink = and(
    eq(verifications.identifier, sql`${INVITATION_IDENTIFIER_PREFIX} || ${staffMembers.id}::text`),
    gt(verifications.expiresAt, now),
  );
  const rows = await executor
    .select({
      status: staffMembers.status,
      role: staffMembers.role,
      count: sql<number>`count(distinct ${staffMembers.id})::int`,
      expired: sql<number>`count(distinct ${staffMembers.id}) filter (where ${verifications.id} is null)::int`,
    })
    .from(staffMembers)
    .leftJoin(verifications, liveLink)
    .groupBy(staffMembers.status, staffMembers.role);

  const activeByRole = Object.fromEntries(STAFF_ROLES.map((role) => [role, 0])) as Record<StaffRole, number>;
  const summary: StaffSummary = { active: 0, invited: 0, invitationsExpired: 0, deactivated: 0, activeByRole };
  for (const row of rows) {
    summary[row.status] += row.count;
    if (row.status === "active") activeByRole[row.role] += row.count;
    if (row.status === "invited") summary.invitationsExpired += row.expired;
  }
  return summary;
}
