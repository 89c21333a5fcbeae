import { randomUUID } from "node:crypto";
import { db } from "@pp/db";
import { createMember, createTenant, ensureReferenceData, type Tenant } from "@pp/db/factories";
import { env, resetEnv } from "@pp/env";
import { callRoute, signInCookie } from "@pp/http/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { GET, POST, PUT } from "./route";

const PASSWORD = "correct-horse-battery";
let tenant: Tenant;
let ownerCookie = "";
let dispatcherCookie = "";

beforeAll(async () => {
  process.env.AUTH_SECRET = "onboarding-route-test-secret-of-enough-length";
  resetEnv();
  await ensureReferenceData(db);
  tenant = await createTenant(db, { name: "Self Start Plumbing", onboardingStatus: "not_started" });
  const suffix = randomUUID().slice(0, 8);
  for (const role of ["owner", "dispatcher"] as const) {
    await createMember(db, { tenantId: tenant.id, role, email: `${role}-${suffix}@self.test`, password: PASSWORD });
  }
  const { getAuth } = await import("../../../../../lib/auth");
  ownerCookie = await signInCookie(getAuth(), `owner-${suffix}@self.test`, PASSWORD);
  dispatcherCookie = await signInCookie(getAuth(), `dispatcher-${suffix}@self.test`, PASSWORD);
}, 60_000);

function request(cookie: string, init: { method?: string; json?: unknown } = {}) {
  const headers: Record<string, string> = { cookie, origin: env().tenantAppUrl };
  if (init.json !== undefined) headers["content-type"] = "application/json";
  if (init.method === "POST") headers["idempotency-key"] = randomUUID();
  return new Request(`${env().tenantAppUrl}/api/t/${tenant.slug}/onboarding`, {
    method: init.method ?? "GET",
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
}

describe("/api/t/[slug]/onboarding", () => {
  it("an owner starts their own onboarding (a dispatcher may not); the steps open with the saved profile", async () => {
    const params = { slug: tenant.slug };
    const refused = await callRoute(POST, request(dispatcherCookie, { method: "POST", json: {} }), params);
    expect(refused.status).toBe(403);
    const started = await callRoute(POST, request(ownerCookie, { method: "POST", json: {} }), params);
    expect(started.status).toBe(201);
    const body = await started.json();
    expect(body.tenant.onboardingStatus).toBe("in_progress");
    const details = body.onboarding.sections[0].steps[0];
    expect(details.key).toBe("company_details");
    expect(details.values.timezone).toBe(tenant.timezone);
    expect(details.values.contactEmail).toBe(tenant.contactEmail);
    const again = await callRoute(POST, request(ownerCookie, { method: "POST", json: {} }), params);
    expect(again.status).toBe(409);
    const read = await callRoute(GET, request(dispatcherCookie), params);
    expect((await read.json()).onboarding.status).toBe("in_progress");
  });

  it("refuses a draft bigger than its step allows with a 400 naming the field", async () => {
    const params = { slug: tenant.slug };
    const response = await callRoute(
      PUT,
      request(ownerCookie, {
        method: "PUT",
        json: { version: 1, steps: { branding: { action: "save_draft", values: { primaryColor: "#".repeat(5000) } } } },
      }),
      params,
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toBe("Brand colours: Primary colour — at most 254 characters");
  });
});
