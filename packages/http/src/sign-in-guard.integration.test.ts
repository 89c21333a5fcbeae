import { createAuth } from "@pp/core/auth/create-auth";
import { createSignInThrottle } from "@pp/core/auth/sign-in-throttle";
import { db } from "@pp/db";
import { createMember, createStaffUser, createTenant, ensureReferenceData } from "@pp/db/factories";
import { auditEvents, verifications } from "@pp/db/schema";
import { resetEnv } from "@pp/env";
import { and, desc, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { compose } from "./compose";
import { withSignInGuard } from "./sign-in-guard";
import { callRoute } from "./testing";

const BASE = "http://app.test";

function authRoute(app: "portal" | "tenant", throttle = createSignInThrottle()) {
  const auth = createAuth(app, BASE);
  return compose({ route: "/api/auth/[...all]" }, withSignInGuard(throttle))((ctx) => auth.handler(ctx.request));
}

function post(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}/api/auth${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin: BASE,
      "x-forwarded-for": "203.0.113.50, 10.0.0.2",
      "user-agent": "AuditTest/1.0",
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

async function eventsOf(action: string) {
  return db.select().from(auditEvents).where(eq(auditEvents.action, action)).orderBy(desc(auditEvents.at));
}

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

beforeAll(async () => {
  process.env.AUTH_SECRET = "test-secret-that-is-long-enough-for-better-auth";
  resetEnv();
  await ensureReferenceData(db);
});

describe("sign-in, sign-out and password reset leave an audit trail", () => {
  it("records a failed sign-in by the system with the attempted email only in metadata, known or not", async () => {
    const tenant = await createTenant(db, {});
    await createMember(db, { tenantId: tenant.id, email: "known@audit.test", password: "right-password-1" });
    const route = authRoute("tenant");

    for (const email of ["known@audit.test", "nobody@audit.test"]) {
      const response = await callRoute(
        route,
        post(
          "/sign-in/email",
          { email, password: "wrong-password-1" },
          { "x-request-id": `fail-${email.split("@")[0]}` },
        ),
      );
      expect(response.status).toBe(401);
    }
    const failures = await eventsOf("auth.sign_in_failed");
    expect(failures).toHaveLength(2);
    for (const event of failures) {
      expect(event).toMatchObject({ actorType: "system", actorId: null, actorLabel: "sign-in", tenantId: null });
      expect(event.ip).toBe("203.0.113.50");
      expect(event.userAgent).toBe("AuditTest/1.0");
      expect(event.metadata).toMatchObject({ reason: "invalid_credentials" });
      expect(JSON.stringify(event)).not.toContain("wrong-password-1");
    }
    // A known and an unknown email are recorded the same way: the trail does not reveal which exists.
    const byEmail = Object.fromEntries(failures.map((event) => [event.metadata.email, event]));
    expect(byEmail["known@audit.test"]?.requestId).toBe("fail-known");
    expect(byEmail["nobody@audit.test"]?.requestId).toBe("fail-nobody");
    expect(Object.keys(byEmail["known@audit.test"]?.metadata ?? {}).sort()).toEqual(
      Object.keys(byEmail["nobody@audit.test"]?.metadata ?? {}).sort(),
    );
  });

  it("records a refused (throttled) attempt too, with when it may retry", async () => {
    const route = authRoute("tenant", createSignInThrottle({ maxFailures: 1, slowAfter: 5 }));
    const attempt = () =>
      callRoute(route, post("/sign-in/email", { email: "hammer@audit.test", password: "wrong-password-1" }));
    expect((await attempt()).status).toBe(401);
    expect((await attempt()).status).toBe(429);
    const attempts = (await eventsOf("auth.sign_in_failed")).filter(
      (event) => event.metadata.email === "hammer@audit.test",
    );
    expect(attempts.map((event) => event.metadata.reason).sort()).toEqual(["invalid_credentials", "throttled"]);
    const throttled = attempts.find((event) => event.metadata.reason === "throttled");
    expect(throttled?.metadata.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("records sign-in and sign-out with who, the request id, IP and user agent", async () => {
    const tenant = await createTenant(db, {});
    const { user } = await createMember(db, {
      tenantId: tenant.id,
      email: "member@audit.test",
      password: "right-password-2",
    });
    const route = authRoute("tenant");

    const signIn = await callRoute(
      route,
      post("/sign-in/email", { email: user.email, password: "right-password-2" }, { "x-request-id": "req-in" }),
    );
    expect(signIn.status).toBe(200);
    const [signedIn] = await eventsOf("auth.signed_in");
    expect(signedIn).toMatchObject({
      actorType: "user",
      actorId: user.id,
      actorLabel: "member@audit.test",
      targetType: "session",
      requestId: "req-in",
      ip: "203.0.113.50",
      userAgent: "AuditTest/1.0",
      metadata: { app: "tenant" },
    });

    const signOut = await callRoute(
      route,
      post("/sign-out", {}, { cookie: cookiesOf(signIn), "x-request-id": "req-out" }),
    );
    expect(signOut.status).toBe(200);
    const [signedOut] = await eventsOf("auth.signed_out");
    expect(signedOut).toMatchObject({
      actorType: "user",
      actorId: user.id,
      targetId: signedIn?.targetId,
      requestId: "req-out",
      ip: "203.0.113.50",
    });
  });

  it("records a portal sign-in as staff, and nothing for someone the portal refuses", async () => {
    const { user } = await createStaffUser(db, {
      role: "support",
      email: "staff@audit.test",
      password: "staff-password-1",
    });
    const tenant = await createTenant(db, {});
    await createMember(db, { tenantId: tenant.id, email: "outsider@audit.test", password: "outsider-pass-1" });
    const route = authRoute("portal");

    const staffSignIn = await callRoute(
      route,
      post("/sign-in/email", { email: user.email, password: "staff-password-1" }),
    );
    expect(staffSignIn.status).toBe(200);
    const outsider = await callRoute(
      route,
      post("/sign-in/email", { email: "outsider@audit.test", password: "outsider-pass-1" }),
    );
    expect(outsider.ok).toBe(false);

    const signedIn = await eventsOf("auth.signed_in");
    expect(signedIn.filter((event) => event.actorLabel === "staff@audit.test")).toMatchObject([
      { actorType: "staff", actorId: user.id, metadata: { app: "portal" } },
    ]);
    expect(signedIn.some((event) => event.actorLabel === "outsider@audit.test")).toBe(false);
  });

  it("records a password reset against the user, without the password or token", async () => {
    const tenant = await createTenant(db, {});
    const { user } = await createMember(db, {
      tenantId: tenant.id,
      email: "forgetful@audit.test",
      password: "old-password-123",
    });
    const route = authRoute("tenant");
    const requested = await callRoute(
      route,
      post("/request-password-reset", { email: user.email, redirectTo: "/reset-password" }),
    );
    expect(requested.status).toBe(200);
    const [verification] = await db
      .select({ identifier: verifications.identifier })
      .from(verifications)
      .where(and(like(verifications.identifier, "reset-password:%"), eq(verifications.value, user.id)));
    const token = verification?.identifier.replace("reset-password:", "") ?? "";
    expect(token).not.toBe("");

    const reset = await callRoute(
      route,
      post("/reset-password", { newPassword: "new-password-456", token }, { "x-request-id": "req-reset" }),
    );
    expect(reset.status).toBe(200);
    const [event] = await eventsOf("auth.password_reset");
    expect(event).toMatchObject({
      actorType: "user",
      actorId: user.id,
      actorLabel: "forgetful@audit.test",
      targetType: "user",
      targetId: user.id,
      requestId: "req-reset",
      ip: "203.0.113.50",
    });
    expect(JSON.stringify(event)).not.toContain("new-password-456");
    expect(JSON.stringify(event)).not.toContain(token);
  });
});
