import { randomUUID } from "node:crypto";
import { db } from "@pp/db";
import {
  createIncident,
  createInvoice,
  createStaffUser,
  createSubscription,
  createTenant,
  ensureReferenceData,
} from "@pp/db/factories";
import { actionSnoozes, auditEvents, incidentEvents, subscriptions, tasks } from "@pp/db/schema";
import { env, resetEnv } from "@pp/env";
import { callRoute, signInCookie } from "@pp/http/testing";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as ESCALATE } from "../incidents/[id]/escalate/route";
import { POST as EXTEND } from "../subscriptions/[id]/extend/route";
import { POST as CREATE_TASK } from "../tasks/route";
import { GET } from "./route";
import { DELETE as UNSNOOZE } from "./snoozes/[bucket]/[itemId]/route";
import { POST as SNOOZE } from "./snoozes/route";

const PASSWORD = "correct-horse-battery";
let adminCookie = "";
let viewerCookie = "";

async function signIn(email: string): Promise<string> {
  const { getAuth } = await import("../../../../lib/auth");
  return signInCookie(getAuth(), email, PASSWORD);
}

beforeAll(async () => {
  process.env.AUTH_SECRET = "action-center-route-test-secret-of-enough-length";
  resetEnv();
  await ensureReferenceData(db);
  const suffix = randomUUID().slice(0, 8);
  await createStaffUser(db, { role: "admin", email: `admin-${suffix}@action.test`, password: PASSWORD });
  await createStaffUser(db, { role: "viewer", email: `viewer-${suffix}@action.test`, password: PASSWORD });
  adminCookie = await signIn(`admin-${suffix}@action.test`);
  viewerCookie = await signIn(`viewer-${suffix}@action.test`);
}, 60_000);

function request(
  path: string,
  cookie: string,
  init: { method?: string; json?: unknown; idempotencyKey?: string } = {},
) {
  const headers: Record<string, string> = { cookie, origin: env().portalUrl };
  if (init.json !== undefined) headers["content-type"] = "application/json";
  if (init.idempotencyKey) headers["idempotency-key"] = init.idempotencyKey;
  return new Request(`${env().portalUrl}${path}`, {
    method: init.method ?? (init.json === undefined ? "GET" : "POST"),
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
}

async function auditCount(action: string, targetId: string) {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId)));
  return rows.length;
}

describe("Action Center routes", () => {
  it("GET answers every bucket and names a bad filter", async () => {
    const tenant = await createTenant(db);
    await createInvoice(db, {
      tenantId: tenant.id,
      dueAt: new Date(Date.now() - 3 * 86_400_000),
      lines: [{ kind: "subscription", description: "Basic", unitAmountCents: 9_900 }],
    });
    const response = await callRoute(GET, request(`/api/provider/action-center?tenantId=${tenant.id}`, viewerCookie));
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      buckets: Record<string, { count: number; items: { amountCents: number }[] }>;
    };
    expect(Object.keys(body.buckets)).toHaveLength(8);
    expect(body.buckets.invoicesOverdue).toMatchObject({ count: 1, items: [{ amountCents: 9_900 }] });
    const bad = await callRoute(GET, request("/api/provider/action-center?severity=urgent", viewerCookie));
    expect(bad.status).toBe(400);
    await expect(bad.json()).resolves.toMatchObject({ error: { message: expect.stringContaining("severity") } });
  });

  it("extend: the same Idempotency-Key replays the first answer and extends once", async () => {
    const tenant = await createTenant(db);
    const subscription = await createSubscription(db, {
      tenantId: tenant.id,
      startedAt: new Date("2025-06-01T00:00:00Z"),
    });
    const idempotencyKey = randomUUID();
    const path = `/api/provider/subscriptions/${subscription.id}/extend`;
    const send = () =>
      callRoute(EXTEND, request(path, adminCookie, { json: { days: 10, reason: "Goodwill" }, idempotencyKey }), {
        id: subscription.id,
      });
    const first = await send();
    const again = await send();
    expect([first.status, again.status]).toEqual([200, 200]);
    await expect(again.json()).resolves.toEqual(await first.json());
    const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, subscription.id));
    expect(row?.currentPeriodEnd).toEqual(new Date("2025-07-11T00:00:00Z"));
    expect(await auditCount("subscription.extended", subscription.id)).toBe(1);
    const invalid = await callRoute(EXTEND, request(path, adminCookie, { json: { days: 0, reason: "x" } }), {
      id: subscription.id,
    });
    expect(invalid.status).toBe(400);
    const viewer = await callRoute(EXTEND, request(path, viewerCookie, { json: { days: 1, reason: "x" } }), {
      id: subscription.id,
    });
    expect(viewer.status).toBe(403);
  });

  it("escalate, create task and snooze: replays with the same key, no second write", async () => {
    const tenant = await createTenant(db);
    const incident = await createIncident(db, { tenantId: tenant.id, severity: "sev2" });
    const escalateKey = randomUUID();
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await callRoute(
        ESCALATE,
        request(`/api/provider/incidents/${incident.id}/escalate`, adminCookie, {
          json: { note: "Paging on-call" },
          idempotencyKey: escalateKey,
        }),
        { id: incident.id },
      );
      expect(response.status).toBe(200);
      await expect(response.json()).resolves.toMatchObject({ escalationLevel: 1 });
    }
    expect(await db.select().from(incidentEvents).where(eq(incidentEvents.incidentId, incident.id))).toHaveLength(1);

    const taskKey = randomUUID();
    const taskBody = { tenantId: tenant.id, kind: "ebr", title: "Q3 review", dueAt: "2025-09-01" };
    const created = await callRoute(
      CREATE_TASK,
      request("/api/provider/tasks", adminCookie, { json: taskBody, idempotencyKey: taskKey }),
    );
    const replayed = await callRoute(
      CREATE_TASK,
      request("/api/provider/tasks", adminCookie, { json: taskBody, idempotencyKey: taskKey }),
    );
    expect([created.status, replayed.status]).toEqual([201, 201]);
    expect(await db.select().from(tasks).where(eq(tasks.tenantId, tenant.id))).toHaveLength(1);
    const reused = await callRoute(
      CREATE_TASK,
      request("/api/provider/tasks", adminCookie, { json: { ...taskBody, title: "Other" }, idempotencyKey: taskKey }),
    );
    expect(reused.status).toBe(422);

    const until = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const snoozeBody = { bucket: "slaBreaches", itemId: incident.id, until, reason: "Vendor fix lands tomorrow" };
    const snoozed = await callRoute(
      SNOOZE,
      request("/api/provider/action-center/snoozes", adminCookie, { json: snoozeBody }),
    );
    expect(snoozed.status).toBe(200);
    const [row] = await db.select().from(actionSnoozes).where(eq(actionSnoozes.itemId, incident.id));
    expect(row).toMatchObject({ bucket: "slaBreaches", reason: "Vendor fix lands tomorrow" });
    // A viewer holds tenants:read (the route's permission) but not the bucket's incidents:write.
    const viewer = await callRoute(
      SNOOZE,
      request("/api/provider/action-center/snoozes", viewerCookie, { json: snoozeBody }),
    );
    expect(viewer.status).toBe(403);
  });

  it("un-snooze: the viewer is refused, staff with the bucket's permission get 204, then 404; the snoozed view lists it until then", async () => {
    const tenant = await createTenant(db);
    const invoice = await createInvoice(db, {
      tenantId: tenant.id,
      dueAt: new Date(Date.now() - 3 * 86_400_000),
      lines: [{ kind: "subscription", description: "Basic plan (monthly)", unitAmountCents: 9_900 }],
    });
    const snoozed = await callRoute(
      SNOOZE,
      request("/api/provider/action-center/snoozes", adminCookie, {
        json: {
          bucket: "invoicesOverdue",
          itemId: invoice.id,
          until: new Date(Date.now() + 86_400_000).toISOString(),
          reason: "Paying Friday",
        },
        idempotencyKey: randomUUID(),
      }),
    );
    expect(snoozed.status).toBe(200);
    const listed = await callRoute(
      GET,
      request(`/api/provider/action-center?view=snoozed&bucket=invoicesOverdue&tenantId=${tenant.id}`, adminCookie),
    );
    const body = (await listed.json()) as {
      buckets: { invoicesOverdue: { items: { id: string; snooze: unknown }[] } };
    };
    expect(body.buckets.invoicesOverdue.items).toEqual([
      expect.objectContaining({ id: invoice.id, snooze: expect.objectContaining({ reason: "Paying Friday" }) }),
    ]);

    const path = `/api/provider/action-center/snoozes/invoicesOverdue/${invoice.id}`;
    const params = { bucket: "invoicesOverdue", itemId: invoice.id };
    const unsnooze = (cookie: string) => callRoute(UNSNOOZE, request(path, cookie, { method: "DELETE" }), params);
    expect((await unsnooze(viewerCookie)).status).toBe(403);
    expect((await unsnooze(adminCookie)).status).toBe(204);
    expect(await auditCount("action_item.unsnoozed", `invoicesOverdue:${invoice.id}`)).toBe(1);
    const again = await unsnooze(adminCookie);
    expect(again.status).toBe(404);
    expect(((await again.json()) as { error: { message: string } }).error.message).toBe("This item is not snoozed");
  });
});
