import { createHmac } from "node:crypto";
import { db } from "@pp/db";
import * as schema from "@pp/db/schema";
import { env } from "@pp/env";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { and, eq } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { currentAuditContext } from "../audit/audit-context";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import { deliverOutboxSoon } from "../email/deliver-outbox-soon";
import { enqueueEmail } from "../email/enqueue-email";
import { OUTBOX_LINK } from "../email/outbox-link";
import { clientIp } from "../net/client-ip";

export type AppName = "portal" | "tenant";

/** Idle timeout (sliding, refreshed on use) and absolute lifetime of a session, per app. */
export const SESSION_POLICY: Record<AppName, { idleSeconds: number; absoluteSeconds: number }> = {
  portal: { idleSeconds: 8 * 60 * 60, absoluteSeconds: 7 * 24 * 60 * 60 },
  tenant: { idleSeconds: 7 * 24 * 60 * 60, absoluteSeconds: 30 * 24 * 60 * 60 },
};

const RESET_LINK_SECONDS = 60 * 60;

const APP_LABEL: Record<AppName, string> = { portal: "Provider Portal", tenant: "TradeDesk" };

async function isActiveStaff(userId: string): Promise<boolean> {
  const [staff] = await db
    .select({ id: schema.staffMembers.id })
    .from(schema.staffMembers)
    .where(and(eq(schema.staffMembers.userId, userId), eq(schema.staffMembers.status, "active")))
    .limit(1);
  return Boolean(staff);
}

async function emailOfUser(userId: string): Promise<string> {
  const [user] = await db.select({ email: schema.users.email }).from(schema.users).where(eq(schema.users.id, userId));
  return user?.email ?? "";
}

/**
 * The request behind an auth event: the route's own context (set by the sign-in guard) when there
 * is one, else what Better Auth stored on the session.
 */
function authAuditContext(fallback: { ip?: string | null; userAgent?: string | null }): AuditContext {
  return currentAuditContext() ?? { ip: fallback.ip ?? undefined, userAgent: fallback.userAgent ?? undefined };
}

/** `auth.signed_in` / `auth.signed_out`: who, from which app, with the request that did it. */
async function auditSession(
  app: AppName,
  action: "auth.signed_in" | "auth.signed_out",
  session: { id: string; userId: string; ipAddress?: string | null; userAgent?: string | null },
): Promise<void> {
  await recordAuditEvent({
    actor: {
      kind: "account",
      userId: session.userId,
      email: await emailOfUser(session.userId),
      staff: app === "portal",
    },
    action,
    target: { type: "session", id: session.id },
    metadata: { app },
    context: authAuditContext({ ip: session.ipAddress, userAgent: session.userAgent }),
  });
}

/**
 * Better Auth for one app. Both apps share users; each has its own cookie prefix and marks its
 * sessions with `app`, so a tenant-app cookie never opens the portal.
 */
export function createAuth(app: AppName, baseURL: string) {
  const authSecret = env().authSecret;
  if (!authSecret)
    throw new Error("AUTH_SECRET (or NEXTAUTH_SECRET) must be set — `npm start` generates one for development");
  // Each app signs its cookies with its own key, derived from AUTH_SECRET: a tenant-app session
  // token carried into a portal cookie fails the signature check on every Better Auth path.
  const secret = createHmac("sha256", authSecret).update(`pp-better-auth:${app}`).digest("base64url");
  const policy = SESSION_POLICY[app];
  return betterAuth({
    appName: APP_LABEL[app],
    baseURL,
    secret,
    database: drizzleAdapter(db, { provider: "pg", usePlural: true, schema }),
    emailAndPassword: {
      enabled: true,
      // Accounts are made by invitation (team, staff) or onboarding, never by open sign-up.
      disableSignUp: true,
      minPasswordLength: 10,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: RESET_LINK_SECONDS,
      sendResetPassword: async ({ user, url }) => {
        await enqueueEmail({
          to: user.email,
          subject: `Reset your ${APP_LABEL[app]} password`,
          text: `Hello ${user.name},\n\nSomeone asked to reset the password of your ${APP_LABEL[app]} account. Open this link within an hour to choose a new one:\n\n${OUTBOX_LINK}\n\nIf it was not you, ignore this email; your password stays as it is.`,
          kind: "password_reset",
          secretLink: url,
          expiresAt: new Date(Date.now() + RESET_LINK_SECONDS * 1000),
        });
        deliverOutboxSoon();
      },
      onPasswordReset: async ({ user }, request) => {
        await recordAuditEvent({
          actor: { kind: "account", userId: user.id, email: user.email, staff: app === "portal" },
          action: "auth.password_reset",
          target: { type: "user", id: user.id },
          metadata: { app, sessionsRevoked: true },
          context: authAuditContext({
            ip: request ? clientIp(request) : undefined,
            userAgent: request?.headers.get("user-agent"),
          }),
        });
      },
    },
    session: {
      expiresIn: policy.idleSeconds,
      updateAge: Math.min(15 * 60, policy.idleSeconds / 4),
      additionalFields: {
        app: { type: "string", required: false, input: false, defaultValue: app },
        // Set by single sign-on: the one tenant this session opens (resolve-session.ts).
        ssoTenantId: { type: "string", required: false, input: false },
      },
    },
    // Our own sign-in throttle (failed attempts per email and IP) sits in front; see sign-in-throttle.ts.
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: app === "portal" ? "pp_portal" : "pp_tenant",
      database: { generateId: () => uuidv7() },
    },
    trustedOrigins: [baseURL],
    databaseHooks: {
      session: {
        create: {
          before: async (session) => {
            if (app === "portal" && !(await isActiveStaff(session.userId))) return false;
            return { data: { ...session, app } };
          },
          after: (session) => auditSession(app, "auth.signed_in", session),
        },
        delete: {
          // Only a user's own sign-out; sessions ended by a password reset or deactivation are audited there.
          after: async (session, context) => {
            if (context?.path === "/sign-out") await auditSession(app, "auth.signed_out", session);
          },
        },
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
