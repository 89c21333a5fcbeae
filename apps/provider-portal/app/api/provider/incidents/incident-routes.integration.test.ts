import { randomUUID } from "node:crypto";
import { db } from "@pp/db";
import { createStaffUser, createTenant, ensureReferenceData } from "@pp/db/factories";
import { env, resetEnv } from "@pp/env";
import { callRoute } from "@pp/http/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as ACKNOWLEDGE } from "./[id]/acknowledge/route";
import { GET as DETAIL } from "./[id]/route";
import { POST as BULK } from "./bulk/route";
import { POST as CREATE, GET as LIST } from "./route";

const PASSWORD = "correct-horse-battery";
let adminCookie = "";
let viewerCookie = "";

async function signIn(email: string): Promise<string> {
  const { getAuth } = await import("../../../../lib/auth");
  const response = await getAuth().api.signInEmail({ body: { email, password: PASSWORD }, asResponse: true });
  return response.headers
    .getSetCookie()
    .map((value) => value.split(";")[0])
    .join("; ");
}

beforeAll(async () => {
  process.env.AUTH_SECRET = "incident-route-test-secret-of-enough-length";
  resetEnv();
  await ensureReferenceData(db);
  const suffix = randomUUID().slice(0, 8);
  await createStaffUser(db, { role: "support", email: `support-${suffix}@incidents.test`, password: PASSWORD });
  await createStaffUser(db, { role: "viewer", email: `viewer-${suffix}@incidents.test`, password: PASSWORD });
  adminCookie = await signIn(`support-${suffix}@incidents.test`);
  viewerCookie = await signIn(`viewer-${suffix}@incidents.test`);
}, 60_000);

function request(path: string, cookie: string, json?: unknown) {
  const headers: Record<string, string> = { cookie, origin: env().portalUrl };
  if (json !== undefined) {
    headers["content-type"] = "application/json";
    headers["idempotency-key"] = randomUUID();
  }
  return new Request(`${env().portalUrl}${path}`, {
    method: json === undefined ? "GET" : "POST",
    headers,
    body: json === undefined ? undefined : JSON.stringify(json),
  });
}

describe("incident routes", () => {
  it("create, list by SLA state, acknowledge and bulk resolve; viewers read but cannot write", async () => {
    const tenant = await createTenant(db);
    const created = await callRoute(
      CREATE,
      request("/api/provider/incidents", adminCookie, {
        title: "Dispatch board blank",
        severity: "sev1",
        tenantId: tenant.id,
      }),
    );
    expect(created.status).toBe(201);
    const incident = (await created.json()) as { id: string; status: string };
    expect(incident.status).toBe("open");

    const onTrack = await callRoute(
      LIST,
      request(`/api/provider/incidents?tenantId=${tenant.id}&sla=on_track`, viewerCookie),
    );
    expect(onTrack.status).toBe(200);
    const page = (await onTrack.json()) as {
      data: { id: string; clock: { name: string; state: string } }[];
      nextCursor: null;
    };
    expect(page.data.map((row) => [row.id, row.clock.name, row.clock.state])).toEqual([
      [incident.id, "acknowledge", "on_track"],
    ]);
    const breached = await callRoute(
      LIST,
      request(`/api/provider/incidents?tenantId=${tenant.id}&sla=breached`, viewerCookie),
    );
    expect(((await breached.json()) as { data: unknown[] }).data).toEqual([]);

    const refused = await callRoute(
      ACKNOWLEDGE,
      request(`/api/provider/incidents/${incident.id}/acknowledge`, viewerCookie, {}),
      {
        id: incident.id,
      },
    );
    expect(refused.status).toBe(403);
    const acked = await callRoute(
      ACKNOWLEDGE,
      request(`/api/provider/incidents/${incident.id}/acknowledge`, adminCookie, {}),
      {
        id: incident.id,
      },
    );
    expect(acked.status).toBe(200);

    const bulk = await callRoute(
      BULK,
      request("/api/provider/incidents/bulk", adminCookie, {
        action: "resolve",
        ids: [incident.id, randomUUID()],
        note: "Fixed",
      }),
    );
    expect(bulk.status).toBe(200);
    expect(await bulk.json()).toMatchObject({ succeeded: 1, failed: 1 });

    const detail = await callRoute(DETAIL, request(`/api/provider/incidents/${incident.id}`, viewerCookie), {
      id: incident.id,
    });
    const body = (await detail.json()) as { incident: { status: string }; events: { kind: string }[] };
    expect(body.incident.status).toBe("resolved");
    expect(body.events.map((event) => event.kind)).toEqual(["created", "acknowledged", "resolved"]);
  });

  it("names the bad field, and answers 404 for an unknown incident", async () => {
    const bad = await callRoute(
      CREATE,
      request("/api/provider/incidents", adminCookie, { title: "x", severity: "sev9" }),
    );
    expect(bad.status).toBe(400);
    const error = (await bad.json()) as { error: { details: { path: string }[] } };
    expect(error.error.details.map((detail) => detail.path)).toEqual(["severity"]);
    const badSla = await callRoute(LIST, request("/api/provider/incidents?sla=late", viewerCookie));
    expect(badSla.status).toBe(400);
    const missing = randomUUID();
    const unknown = await callRoute(DETAIL, request(`/api/provider/incidents/${missing}`, viewerCookie), {
      id: missing,
    });
    expect(unknown.status).toBe(404);
  });
});
