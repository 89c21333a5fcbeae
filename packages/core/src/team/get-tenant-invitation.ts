import { db, type Executor } from "@pp/db";
import { accounts, type TENANT_ROLES, tenantInvitations, tenants, users } from "@pp/db/schema";
import { and, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { findInvitationLink } from "../auth/invitation-token";
import { TEAM_INVITATION_IDENTIFIER_PREFIX } from "./team-rules";

export type TenantInvitationView = {
  invitationId: string;
  tenantName: string;
  email: string;
  role: (typeof TENANT_ROLES)[number];
  invitedByName: string | null;
  expiresAt: Date;
  expired: boolean;
  /** `password`: signs in already (name and password are not asked); `none`: must choose them. */
  account: "password" | "none";
};

/**
 * The open invitation behind an emailed token, for the accept page to greet the invitee; null when the
 * token is unknown, already used, replaced by a newer invitation, or the invitation was revoked.
 */
export async function getTenantInvitation(
  options: { token: string; now?: Date },
  executor: Executor = db,
): Promise<TenantInvitationView | null> {
  const now = options.now ?? new Date();
  const [link] = await findTenantInvitationLink(executor, options.token);
  if (!link) return null;
  const inviter = alias(users, "inviter");
  const [invitation] = await executor
    .select({
      id: tenantInvitations.id,
      email: tenantInvitations.email,
      role: tenantInvitations.role,
      tenantName: tenants.name,
      invitedByName: inviter.name,
    })
    .from(tenantInvitations)
    .innerJoin(tenants, eq(tenants.id, tenantInvitations.tenantId))
    .leftJoin(inviter, eq(inviter.id, tenantInvitations.invitedBy))
    .where(and(eq(tenantInvitations.id, link.invitationId), isNull(tenantInvitations.acceptedAt)))
    .limit(1);
  if (!invitation) return null;
  return {
    invitationId: invitation.id,
    tenantName: invitation.tenantName,
    email: invitation.email,
    role: invitation.role,
    invitedByName: invitation.invitedByName,
    expiresAt: link.expiresAt,
    expired: link.expiresAt <= now,
    account: (await findInvitee(executor, invitation.email))?.hasPassword ? "password" : "none",
  };
}

/** The verifications row holding this token's hash, with the invitation id its identifier names. */
export async function findTenantInvitationLink(
  executor: Executor,
  token: string,
  options: { lock?: boolean } = {},
): Promise<{ id: string; invitationId: string; expiresAt: Date }[]> {
  const links = await findInvitationLink(executor, {
    token,
    prefix: TEAM_INVITATION_IDENTIFIER_PREFIX,
    lock: options.lock,
  });
  return links.map(({ id, subjectId, expiresAt }) => ({ id, invitationId: subjectId, expiresAt }));
}

/** The user already holding this email (any case), and whether they can sign in with a password. */
export async function findInvitee(
  executor: Executor,
  email: string,
): Promise<{ id: string; hasPassword: boolean } | undefined> {
  const [user] = await executor
    .select({ id: users.id, hasPassword: sql<boolean>`${accounts.password} is not null` })
    .from(users)
    .leftJoin(accounts, and(eq(accounts.userId, users.id), eq(accounts.providerId, "credential")))
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
    .limit(1);
  return user ? { id: user.id, hasPassword: Boolean(user.hasPassword) } : undefined;
}
