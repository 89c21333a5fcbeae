import { randomUUID } from "node:crypto";
import { db } from "@pp/db";
import { createStaffUser, createTenant, ensureReferenceData } from "@pp/db/factories";
import { playbooks } from "@pp/db/schema";
import { env, resetEnv } from "@pp/env";
import { callRoute } from "@pp/http/testing";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { PATCH as PATCH_TASK } from "../../tasks/[id]/route";
import { PUT as EDIT_PLAYBOOK } from "../../tasks/playbooks/[playbookId]/route";
import { GET as MY_TASKS } from "../../tasks/route";
import { GET as TILES } from "../health/route";
import { PUT as ASSIGN_CSM } from "./csm/route";
import { DELETE as DELETE_NOTE, PATCH as PATCH_NOTE } from "./notes/[noteId]/route";
import { POST as ADD_NOTE, GET as NOTES } from "./notes/route";
import { POST as START_PLAYBOOK } from "./playbooks/route";
import { POST as CREATE_TASK, GET as TASKS } from "./tasks/route";
import { GET as TIMELINE } from "./timeline/route";

const PASSWORD = "correct-horse-battery";
const cookies: Record<string, string> = {};
const users: Record<string, string> = {};

async function signIn(email: string): Promise<string> {
  const { getAuth } = await import("../../../../../lib/auth");
  const response = await getAuth().api.signInEmail({ body: { email, password: PASSWORD }, asResponse: true });
  return response.headers
    .getSetCookie()
    .map((value) => value.split(";")[0])
    .join("; ");
}

beforeAll(async () => {
  process.env.AUTH_SECRET = "success-route-test-secret-of-enough-length";
  resetEnv();
  await ensureReferenceData(db);
  const suffix = randomUUID().slice(0, 8);
  for (const role of ["admin", "success", "operations", "billing", "support", "viewer"] as const) {
    const email = `${role}-${suffix}@success.test`;
    const staff = await createStaffUser(db, { role, email, password: PASSWORD, name: `${role} person` });
    users[role] = staff.user.id;
    cookies[role] = await signIn(email);
  }
}, 60_000);

function request(path: string, role: string, init: { method?: string; json?: unknown } = {}) {
  const headers: Record<string, string> = { cookie: cookies[role] ?? "", origin: env().portalUrl };
  if (init.json !== undefined) headers["content-type"] = "application/json";
  return new Request(`${env().portalUrl}${path}`, {
    method: init.method ?? (init.json === undefined ? "GET" : "POST"),
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
}

describe("Client success routes", () => {
  it("task permissions per staff role: success/operations/admin write; billing, support and viewer cannot", async () => {
    const tenant = await createTenant(db);
    const path = `/api/provider/tenants/${tenant.id}/tasks`;
    for (const role of ["admin", "success", "operations"]) {
      const response = await callRoute(CREATE_TASK, request(path, role, { json: { title: `Call from ${role}` } }), {
        id: tenant.id,
      });
      expect(response.status, role).toBe(201);
    }
    for (const role of ["billing", "support", "viewer"]) {
      const response = await callRoute(CREATE_TASK, request(path, role, { json: { title: "Nope" } }), {
        id: tenant.id,
      });
      expect(response.status, role).toBe(403);
    }
    const list = await callRoute(TASKS, request(path, "viewer"), { id: tenant.id });
    expect(list.status).toBe(200);
    const body = (await list.json()) as { data: { id: string; title: string }[]; nextCursor: string | null };
    expect(body.data.map((task) => task.title).sort()).toEqual([
      "Call from admin",
      "Call from operations",
      "Call from success",
    ]);
    const taskId = body.data[0]?.id ?? "";
    const viewerPatch = await callRoute(
      PATCH_TASK,
      request(`/api/provider/tasks/${taskId}`, "viewer", { method: "PATCH", json: { status: "done" } }),
      { id: taskId },
    );
    expect(viewerPatch.status).toBe(403);
    const done = await callRoute(
      PATCH_TASK,
      request(`/api/provider/tasks/${taskId}`, "success", { method: "PATCH", json: { status: "done" } }),
      { id: taskId },
    );
    expect(done.status).toBe(200);
    await expect(done.json()).resolves.toMatchObject({ status: "done" });

    // Bad input names the field; an unknown id is a 404.
    const blank = await callRoute(CREATE_TASK, request(path, "success", { json: { title: "" } }), { id: tenant.id });
    expect(blank.status).toBe(400);
    await expect(blank.json()).resolves.toMatchObject({ error: { details: [{ path: "title" }] } });
    const badDate = await callRoute(
      PATCH_TASK,
      request(`/api/provider/tasks/${taskId}`, "success", { method: "PATCH", json: { dueAt: "soon" } }),
      { id: taskId },
    );
    expect(badDate.status).toBe(400);
    const missing = await callRoute(
      PATCH_TASK,
      request("/api/provider/tasks/nope", "success", { method: "PATCH", json: { status: "done" } }),
      { id: "nope" },
    );
    expect(missing.status).toBe(404);
    const unknownClient = await callRoute(
      CREATE_TASK,
      request(`/api/provider/tenants/${randomUUID()}/tasks`, "success", { json: { title: "x" } }),
      { id: randomUUID() },
    );
    expect(unknownClient.status).toBe(404);

    const mine = await callRoute(MY_TASKS, request("/api/provider/tasks?view=overdue", "success"));
    expect(mine.status).toBe(200);
    const badView = await callRoute(MY_TASKS, request("/api/provider/tasks?view=someday", "success"));
    expect(badView.status).toBe(400);
  });

  it("notes: author edits and deletes; others get 403; the timeline shows them in words; the viewer reads only", async () => {
    const tenant = await createTenant(db);
    const path = `/api/provider/tenants/${tenant.id}/notes`;
    const added = await callRoute(ADD_NOTE, request(path, "success", { json: { body: "Line one\nLine two" } }), {
      id: tenant.id,
    });
    expect(added.status).toBe(201);
    const note = (await added.json()) as { id: string };
    expect(
      (await callRoute(ADD_NOTE, request(path, "viewer", { json: { body: "x" } }), { id: tenant.id })).status,
    ).toBe(403);
    const notePath = `${path}/${note.id}`;
    const params = { id: tenant.id, noteId: note.id };
    expect(
      (
        await callRoute(
          PATCH_NOTE,
          request(notePath, "operations", { method: "PATCH", json: { body: "hijack" } }),
          params,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await callRoute(
          PATCH_NOTE,
          request(notePath, "operations", { method: "PATCH", json: { pinned: true } }),
          params,
        )
      ).status,
    ).toBe(200);
    expect((await callRoute(DELETE_NOTE, request(notePath, "operations", { method: "DELETE" }), params)).status).toBe(
      403,
    );
    const list = await callRoute(NOTES, request(path, "viewer"), { id: tenant.id });
    await expect(list.json()).resolves.toMatchObject({
      data: [{ body: "Line one\nLine two", authorName: "success person" }],
    });
    const timeline = await callRoute(
      TIMELINE,
      request(`/api/provider/tenants/${tenant.id}/timeline?kinds=note`, "viewer"),
      { id: tenant.id },
    );
    await expect(timeline.json()).resolves.toMatchObject({
      data: [{ title: "Note added: Line one", actor: "success person" }],
    });
    const badKind = await callRoute(
      TIMELINE,
      request(`/api/provider/tenants/${tenant.id}/timeline?kinds=gossip`, "viewer"),
      { id: tenant.id },
    );
    expect(badKind.status).toBe(400);
    // Another client's path never reaches this note.
    const other = await createTenant(db);
    const foreign = await callRoute(
      PATCH_NOTE,
      request(`/api/provider/tenants/${other.id}/notes/${note.id}`, "success", {
        method: "PATCH",
        json: { pinned: false },
      }),
      { id: other.id, noteId: note.id },
    );
    expect(foreign.status).toBe(404);
    expect((await callRoute(DELETE_NOTE, request(notePath, "success", { method: "DELETE" }), params)).status).toBe(204);
  });

  it("playbooks, CSM and tiles: start twice gives one run; viewers cannot start; only admins edit templates", async () => {
    const tenant = await createTenant(db);
    const [renewal] = await db.select().from(playbooks).where(eq(playbooks.code, "renewal_prep"));
    if (!renewal) throw new Error("renewal playbook missing");
    const path = `/api/provider/tenants/${tenant.id}/playbooks`;
    const first = await callRoute(START_PLAYBOOK, request(path, "success", { json: { playbookId: renewal.id } }), {
      id: tenant.id,
    });
    expect(first.status).toBe(201);
    const again = await callRoute(START_PLAYBOOK, request(path, "success", { json: { playbookId: renewal.id } }), {
      id: tenant.id,
    });
    expect(again.status).toBe(200);
    const [a, b] = (await Promise.all([first.json(), again.json()])) as { runId: string; started: boolean }[];
    expect(b).toMatchObject({ runId: a?.runId, started: false });
    expect(
      (
        await callRoute(START_PLAYBOOK, request(path, "viewer", { json: { playbookId: renewal.id } }), {
          id: tenant.id,
        })
      ).status,
    ).toBe(403);

    const csm = await callRoute(
      ASSIGN_CSM,
      request(`/api/provider/tenants/${tenant.id}/csm`, "success", {
        method: "PUT",
        json: { csmUserId: users.success },
      }),
      { id: tenant.id },
    );
    expect(csm.status).toBe(200);
    const toViewer = await callRoute(
      ASSIGN_CSM,
      request(`/api/provider/tenants/${tenant.id}/csm`, "success", {
        method: "PUT",
        json: { csmUserId: users.viewer },
      }),
      { id: tenant.id },
    );
    expect(toViewer.status).toBe(400);

    const steps = [{ title: "Call about renewal", dueInDays: 2 }];
    const editPath = `/api/provider/tasks/playbooks/${renewal.id}`;
    const bySuccess = await callRoute(
      EDIT_PLAYBOOK,
      request(editPath, "success", { method: "PUT", json: { name: "Renewal prep", steps } }),
      { playbookId: renewal.id },
    );
    expect(bySuccess.status).toBe(403);
    const badStep = await callRoute(
      EDIT_PLAYBOOK,
      request(editPath, "admin", {
        method: "PUT",
        json: { name: "Renewal prep", steps: [{ title: "x", dueInDays: -1 }] },
      }),
      { playbookId: renewal.id },
    );
    expect(badStep.status).toBe(400);
    await expect(badStep.json()).resolves.toMatchObject({ error: { details: [{ path: "steps.0.dueInDays" }] } });
    const byAdmin = await callRoute(
      EDIT_PLAYBOOK,
      request(editPath, "admin", { method: "PUT", json: { name: "Renewal prep", steps: renewal.steps } }),
      { playbookId: renewal.id },
    );
    expect(byAdmin.status).toBe(200);

    const tiles = await callRoute(TILES, request(`/api/provider/tenants/health?csmUserId=${users.success}`, "viewer"));
    expect(tiles.status).toBe(200);
    const badBand = await callRoute(TILES, request("/api/provider/tenants/health?band=purple", "viewer"));
    expect(badBand.status).toBe(400);
  });
});
