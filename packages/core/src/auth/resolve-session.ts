import { db } from "@pp/db";
import { memberships, sessions, staffMembers, tenants } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import type { MemberActor, StaffActor } from "./actors";
import { type AppName, type Auth, SESSION_POLICY } from "./create-auth";

export type SignedInUser = {
  userId: string;
  email: string;
  name: string;
  sessionId: string;
  /** Single sign-on sessions open only the tenant whose connection signed the user in. */
  ssoTenantId?: string | null;
};

/**
 * The user behind the request's session cookie, if the session belongs to this app and is within
 * its absolute lifetime (the idle timeout is Better Auth's sliding expiry).
 */
export async function getSignedInUser(auth: Auth, headers: Headers, app: AppName): Promise<SignedInUser | null> {
  const found = await auth.api.getSession({ headers });
  if (!found) return null;
  const { session, user } = found;
  if ((session as { app?: string }).app !== app) return null;
  const ageSeconds = (Date.now() - new Date(session.createdAt).getTime()) / 1000;
  if (ageSeconds > SESSION_POLICY[app].absoluteSeconds) {
    await db.delete(sessions).where(eq(sessions.id, session.id));
    return null;
  }
  const ssoTenantId = (session as { ssoTenantId?: string | null }).ssoTenantId ?? null;
  return { userId: user.id, email: user.email, name: user.name, sessionId: session.id, ssoTenantId };
}

export async function resolveStaff(auth: Auth, headers: Headers): Promise<StaffActor | null> {
  const user = await getSignedInUser(auth, headers, "portal");
  if (!user) return null;
  const [staff] = await db
    .select({ role: staffMembers.role })
    .from(staffMembers)
    .where(and(eq(staffMembers.userId, user.userId), eq(staffMembers.status, "active")))
    .limit(1);
  return staff ? { kind: "staff", ...user, role: staff.role } : null;
}

/**
 * The signed-in user's membership in the tenant with this slug, or null when there is none — or
 * when an SSO session is scoped to another tenant (the user signs in there by its own means).
 */
export async function findMembership(user: SignedInUser, slug: string): Promise<MemberActor | null> {
  const [membership] = await db
    .select({ role: memberships.role, tenantId: tenants.id, tenantSlug: tenants.slug })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(
      and(
        eq(memberships.userId, user.userId),
        eq(tenants.slug, slug),
        user.ssoTenantId ? eq(tenants.id, user.ssoTenantId) : undefined,
      ),
    )
    .limit(1);
  return membership ? { kind: "member", ...user, ...membership } : null;
}

/** Every tenant the user belongs to (only the SSO session's tenant when scoped), for the post-sign-in chooser. */
export async function listUserTenants(userId: string, ssoTenantId?: string | null) {
  return db
    .select({ slug: tenants.slug, name: tenants.name, role: memberships.role, trade: tenants.trade })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.userId, userId), ssoTenantId ? eq(tenants.id, ssoTenantId) : undefined))
    .orderBy(tenants.name);
}
