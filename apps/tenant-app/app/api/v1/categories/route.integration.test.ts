import { createApiKey } from "@pp/core/api-keys/create-api-key";
import { clearApiRateLimitCache } from "@pp/core/api-keys/get-api-rate-limit";
import type { StaffActor } from "@pp/core/auth/actors";
import { db } from "@pp/db";
import { createStaffUser, createTenant, ensureReferenceData } from "@pp/db/factories";
import { resetRateLimiters } from "@pp/http";
import { callRoute, testRequest } from "@pp/http/testing";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as CREATE_LEAD } from "../leads/route";
import { GET } from "./route";

let actor: StaffActor;

beforeAll(async () => {
  await ensureReferenceData(db);
  const { user, staff } = await createStaffUser(db, { role: "admin" });
  actor = { kind: "staff", userId: user.id, email: user.email, name: user.name, role: staff.role, sessionId: "s" };
});

afterEach(async () => {
  await resetRateLimiters();
  clearApiRateLimitCache();
});

const categories = (authorization?: string) =>
  callRoute(GET, testRequest("/api/v1/categories", { headers: authorization ? { authorization } : {} }));

describe("GET /api/v1/categories", () => {
  it("lists the categories intake accepts, and each one creates a lead at that price", async () => {
    const tenant = await createTenant(db, { trade: "plumbing" });
    const { key } = await createApiKey({ actor, tenantId: tenant.id, name: "site", scopes: ["leads:write"] });

    const response = await categories(`Bearer ${key}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("ratelimit-policy")).toMatch(/^"public-api";q=\d+;w=60$/);
    const { data } = (await response.json()) as { data: { code: string; name: string; priceCents: number }[] };
    expect(data.map((category) => category.code)).toContain("water_heater");

    const waterHeater = data.find((category) => category.code === "water_heater");
    const created = await callRoute(
      CREATE_LEAD,
      testRequest("/api/v1/leads", {
        headers: { authorization: `Bearer ${key}` },
        json: {
          category: "water_heater",
          source: "web",
          contact: { name: "Jo", phone: "+1 512 555 0111" },
          serviceAddress: { line1: "1 Main St", city: "Austin", state: "TX", zip: "78701" },
        },
      }),
    );
    expect(created.status).toBe(201);
    expect((await created.json()).priceCents).toBe(waterHeater?.priceCents);
  });

  it("needs a valid key", async () => {
    const response = await categories();
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthenticated");
  });
});
