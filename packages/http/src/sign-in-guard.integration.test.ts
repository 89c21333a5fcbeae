import { createAuth } from "@pp/core/auth/create-auth";
import { createSignInThrottle } from "@pp/core/auth/sign-in-throttle";
import { markClientIpServer } from "@pp/core/net/client-ip";
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
      // What scripts/lib/serve-app.mjs sets from the socket; the client's own X-Forwarded-For is ignored.
      "x-pp-client-ip": "203.0.113.50",
      "x-forwarded-for": "198.51.100.77, 10.0.0.2",
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
  markClientIpServer();
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

  it("rotating X-Forwarded-For does not escape the lock: 12 wrong passwords, then the right one is refused too", async () => {
    const tenant = await createTenant(db, {});
    await createMember(db, { tenantId: tenant.id, email: "rotate@audit.test", password: "right-password-9" });
    const route = authRoute("tenant");
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const response = await callRoute(
        route,
        post(
          "/sign-in/email",
          { email: "rotate@audit.test", password: `wrong-password-${attempt}` },
          { "x-forwarded-for": `198.51.100.${attempt + 1}`, "x-real-ip": `192.0.2.${attempt + 1}` },
        ),
      );
      statuses.push(response.status);
    }
    // 5 failures lock the client's (socket) address: attempts 6 to 12 are refused without a check.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
    const right = await callRoute(
      route,
      post("/sign-in/email", { email: "rotate@audit.test", password: "right-password-9" }),
    );
    expect(right.status).toBe(429);
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
  }, 60_000);

  it("locks the account after 10 failures from any mix of addresses, whatever the per-address count", async () => {
    const tenant = await createTenant(db, {});
    await createMember(db, { tenantId: tenant.id, email: "spread@audit.test", password: "right-password-8" });
    const route = authRoute("tenant");
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const response = await callRoute(
        route,
        post(
          "/sign-in/email",
          { email: "spread@audit.test", password: "wrong-password-1" },
          { "x-pp-client-ip": `203.0.113.${100 + attempt}` },
        ),
      );
      statuses.push(response.status);
    }
    expect(statuses).toEqual(Array(10).fill(401));
    const fresh = { "x-pp-client-ip": "203.0.113.250" };
    const right = await callRoute(
      route,
      post("/sign-in/email", { email: "spread@audit.test", password: "right-password-8" }, fresh),
    );
    expect(right.status).toBe(429);
    // Another account from the same addresses is not affected.
    await createMember(db, { tenantId: tenant.id, email: "bystander@audit.test", password: "right-password-7" });
    const other = await callRoute(
      route,
      post("/sign-in/email", { email: "bystander@audit.test", password: "right-password-7" }, fresh),
    );
    expect(other.status).toBe(200);
  }, 60_000);

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
