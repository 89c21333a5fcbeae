import { db, type Executor } from "@pp/db";
import { memberships, tenantInvitations, users } from "@pp/db/schema";
import { and, asc, eq, isNull } from "drizzle-orm";

type Role = (typeof memberships.$inferSelect)["role"];

export type TeamMember = { id: string; userId: string; name: string; email: string; role: Role; joinedAt: Date };
export type PendingInvitation = {
  id: string;
  email: string;
  role: Role;
  invitedByName: string | null;
  sentAt: Date;
  expiresAt: Date;
  expired: boolean;
};
export type Team = { members: TeamMember[]; invitations: PendingInvitation[] };

const ROLE_ORDER: Record<Role, number> = { owner: 0, dispatcher: 1, technician: 2 };

/** The tenant's members (owners first) and its invitations not yet accepted, expired ones flagged. */
export async function listTeam(options: { tenantId: string; now?: Date }, executor: Executor = db): Promise<Team> {
  const { tenantId } = options;
  const now = options.now ?? new Date();
  const members = await executor
    .select({
      id: memberships.id,
      userId: memberships.userId,
      name: users.name,
      email: users.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, tenantId))
    .orderBy(asc(users.name), asc(users.email));
  const invitations = await executor
    .select({
      id: tenantInvitations.id,
      email: tenantInvitations.email,
      role: tenantInvitations.role,
      invitedByName: users.name,
      sentAt: tenantInvitations.createdAt,
      expiresAt: tenantInvitations.expiresAt,
    })
    .from(tenantInvitations)
    .leftJoin(users, eq(users.id, tenantInvitations.invitedBy))
    .where(and(eq(tenantInvitations.tenantId, tenantId), isNull(tenantInvitations.acceptedAt)))
    .orderBy(asc(tenantInvitations.email));
  return {
    members: members.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]),
    invitations: invitations.map((invitation) => ({ ...invitation, expired: invitation.expiresAt <= now })),
  };
}
