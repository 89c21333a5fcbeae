import { randomUUID } from "node:crypto";
import { type Permission, STAFF_PERMISSIONS, type StaffRole, staffCan } from "@pp/core/auth/permissions";
import { db } from "@pp/db";
import { createStaffUser, ensureReferenceData } from "@pp/db/factories";
import { STAFF_ROLES } from "@pp/db/schema";
import { env, resetEnv } from "@pp/env";
import { signInCookie } from "@pp/http/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { exportedMethods, fillTemplate, listRouteFiles, paramNames, type RouteModule } from "./route-registry";

// Routes anyone may call: Better Auth itself, the health checks (load balancers probe them), metrics (their own bearer token), the emailed staff-invitation link, and SSO sign-in.
const PUBLIC_ROUTES = new Set([
  "/api/auth/[...all]",
  "/api/health",
  "/api/health/live",
  "/api/health/ready",
  "/api/metrics",
  "/api/staff-invitations/accept",
  "/api/sso/begin",
  "/api/sso/callback",
  // Stripe's servers: authenticated by the Stripe-Signature over the raw body, no session and no Origin.
  "/api/webhooks/stripe",
  // One-click unsubscribe (RFC 8058) from the digest email: the HMAC-signed token is the proof.
  "/api/reports/unsubscribe",
]);

const routes = listRouteFiles("provider-portal");
const sessions = new Map<StaffRole, string>();

beforeAll(async () => {
  process.env.AUTH_SECRET = "route-permission-test-secret-of-enough-length";
  resetEnv();
  await ensureReferenceData(db);
  const { getAuth } = await import("../../apps/provider-portal/lib/auth");
  for (const role of STAFF_ROLES) {
    const email = `${role}-${randomUUID().slice(0, 8)}@permissions.test`;
    await createStaffUser(db, { email, role, password: "correct-horse-battery" });
    sessions.set(role, await signInCookie(getAuth(), email, "correct-horse-battery"));
  }
}, 60_000);

async function call(module: RouteModule, method: keyof RouteModule, template: string, cookie?: string) {
  const params = Object.fromEntries(paramNames(template).map((name) => [name, randomUUID()]));
  const url = `${env().portalUrl}${fillTemplate(template, params)}`;
  const handler = module[method];
  if (!handler) throw new Error(`${template} has no ${method}`);
  const hasBody = method !== "GET" && method !== "DELETE";
  const request = new Request(url, {
    method,
    headers: {
      origin: env().portalUrl,
      ...(cookie ? { cookie } : {}),
      ...(hasBody ? { "content-type": "application/json" } : {}),
    },
    body: hasBody ? "{}" : undefined,
  });
  return handler(request, { params: Promise.resolve(params) });
}

describe("every provider API route against every staff role", () => {
  it("finds the routes on disk", () => {
    expect(routes.length).toBeGreaterThan(5);
  });

  for (const route of routes) {
    for (const { method, statement } of exportedMethods(route)) {
      const declared = statement.match(/withProviderAuth\("([a-z]+:[a-z]+)"\)/)?.[1] as Permission | undefined;

      it(`${method} ${route.template} declares its permission or is knowingly public`, () => {
        expect(declared !== undefined || PUBLIC_ROUTES.has(route.template)).toBe(true);
      });
      if (!declared) continue;

      it(`${method} ${route.template} (${declared}): 401 signed out, 403 without the permission, allowed with it`, async () => {
        const module = (await import(/* @vite-ignore */ route.file)) as RouteModule;
        expect((await call(module, method, route.template)).status).toBe(401);
        for (const role of STAFF_ROLES) {
          const response = await call(module, method, route.template, sessions.get(role));
          const allowed = staffCan(role, declared);
          const summary = `${role} → ${response.status}`;
          if (allowed) expect([401, 403], summary).not.toContain(response.status);
          else expect(response.status, summary).toBe(403);
        }
      });
    }
  }

  it("gives viewers read permissions only", () => {
    expect(STAFF_PERMISSIONS.viewer.every((permission) => permission.endsWith(":read"))).toBe(true);
  });
});
