import { randomUUID } from "node:crypto";
import { db } from "@pp/db";
import { createStaffUser, createSubscription, createTenant, ensureReferenceData } from "@pp/db/factories";
import { subscriptionEvents } from "@pp/db/schema";
import { env, resetEnv } from "@pp/env";
import { callRoute, signInCookie } from "@pp/http/testing";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as SNAPSHOT } from "../../analytics/snapshot/route";
import { POST as CHANGE } from "../subscriptions/[id]/change/route";
import { GET as MOVEMENTS } from "./movements/route";
import { GET as SUMMARY } from "./summary/route";
import { GET as WATERFALL } from "./waterfall/route";

const PASSWORD = "correct-horse-battery";
const cookies: Record<"admin" | "viewer", string> = { admin: "", viewer: "" };
let proId = "";

beforeAll(async () => {
  process.env.AUTH_SECRET = "revenue-route-test-secret-of-enough-length";
  resetEnv();
  const reference = await ensureReferenceData(db);
  proId = reference.plans.pro.id;
  const { getAuth } = await import("../../../../lib/auth");
  for (const role of ["admin", "viewer"] as const) {
    const email = `${role}-${randomUUID().slice(0, 8)}@revenue.test`;
    await createStaffUser(db, { role, email, password: PASSWORD });
    cookies[role] = await signInCookie(getAuth(), email, PASSWORD);
  }
}, 60_000);

function request(path: string, cookie: string, init: { json?: unknown; idempotencyKey?: string } = {}) {
  const headers: Record<string, string> = { cookie, origin: env().portalUrl };
  if (init.json !== undefined) headers["content-type"] = "application/json";
  if (init.idempotencyKey) headers["idempotency-key"] = init.idempotencyKey;
  return new Request(`${env().portalUrl}${path}`, {
    method: init.json === undefined ? "GET" : "POST",
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
}

describe("revenue and subscription routes", () => {
  it("change plan: viewer refused, admin upgrades once per idempotency key, and the revenue APIs show it", async () => {
    const tenant = await createTenant(db, { name: "Route Plumbing" });
    const startedAt = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1));
    const subscription = await createSubscription(db, { tenantId: tenant.id, planCode: "basic", startedAt });
    const path = `/api/provider/subscriptions/${subscription.id}/change`;
    const params = { id: subscription.id };

    const refused = await callRoute(CHANGE, request(path, cookies.viewer, { json: { planId: proId } }), params);
    expect(refused.status).toBe(403);
    const key = randomUUID();
    const first = await callRoute(
      CHANGE,
      request(path, cookies.admin, { json: { planId: proId }, idempotencyKey: key }),
      params,
    );
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ movement: "expansion", mrrBeforeCents: 9_900, mrrAfterCents: 24_900 });
    const replay = await callRoute(
      CHANGE,
      request(path, cookies.admin, { json: { planId: proId }, idempotencyKey: key }),
      params,
    );
    expect(replay.status).toBe(200);
    const events = await db
      .select()
      .from(subscriptionEvents)
      .where(eq(subscriptionEvents.subscriptionId, subscription.id));
    expect(events.map((e) => e.type).sort()).toEqual(["expansion", "new"]);
    const bad = await callRoute(CHANGE, request(path, cookies.admin, { json: { quantity: 0 } }), params);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("quantity");

    const summary = await callRoute(SUMMARY, request("/api/provider/revenue/summary", cookies.viewer));
    expect(summary.status).toBe(200);
    expect(((await summary.json()) as { kpis: { mrrCents: number } }).kpis.mrrCents).toBe(24_900);
    const movements = await callRoute(
      MOVEMENTS,
      request("/api/provider/revenue/movements?type=expansion&limit=10", cookies.viewer),
    );
    const page = (await movements.json()) as {
      data: { tenantName: string; changeCents: number }[];
      nextCursor: string | null;
    };
    expect(page).toMatchObject({ data: [{ tenantName: "Route Plumbing", changeCents: 15_000 }], nextCursor: null });

    const month = startedAt.toISOString().slice(0, 7);
    const csv = await callRoute(
      WATERFALL,
      request(`/api/provider/revenue/waterfall?from=${month}&to=${month}&format=csv`, cookies.viewer),
    );
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text()).replace("\uFEFF", "").trim().split("\r\n");
    expect(lines).toEqual([
      "month,start_mrr_cents,new,expansion,reactivation,contraction,churn,end_mrr_cents,usage_revenue_cents",
      `${month},0,9900,15000,0,0,0,24900,0`,
    ]);
    const wrong = await callRoute(SUMMARY, request("/api/provider/revenue/summary?from=2025-13", cookies.viewer));
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(await wrong.json())).toContain("from");
    const anonymous = await callRoute(SUMMARY, request("/api/provider/revenue/summary", ""));
    expect(anonymous.status).toBe(401);
  });

  it("POST /api/analytics/snapshot recomputes a day range for admins only", async () => {
    const body = { from: "2025-01-01", to: "2025-01-03" };
    expect((await callRoute(SNAPSHOT, request("/api/analytics/snapshot", cookies.viewer, { json: body }))).status).toBe(
      403,
    );
    const done = await callRoute(SNAPSHOT, request("/api/analytics/snapshot", cookies.admin, { json: body }));
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ days: 3 });
    const bad = await callRoute(
      SNAPSHOT,
      request("/api/analytics/snapshot", cookies.admin, { json: { from: "2025-02-30", to: "2025-01-01" } }),
    );
    expect(bad.status).toBe(400);
  });
});
