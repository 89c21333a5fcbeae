import type { StaffActor } from "@pp/core/auth/actors";
import { captureLogs } from "@pp/core/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compose, created, createProviderAuth, withIdempotency, withInput } from "./index";
import { callRoute, testRequest } from "./testing";

const admin: StaffActor = { kind: "staff", userId: "u-a", email: "a@p.test", name: "A", role: "admin", sessionId: "s" };
const withProviderAuth = createProviderAuth(async (request) => (request.headers.has("cookie") ? admin : null));

const ZCreateNote = z.object({ text: z.string().min(1).max(2000) });

describe("the kit together", () => {
  it("builds a typed route from auth, input and idempotency", async () => {
    const { logger, lines } = captureLogs();
    // POST /api/provider/tenants/[id]/notes – add a note to a tenant
    const POST = compose(
      { route: "/api/provider/tenants/[id]/notes", logger },
      withProviderAuth("success:write"),
      withInput({ params: z.object({ id: z.string() }), body: ZCreateNote }),
      withIdempotency(),
    )((ctx) => created({ tenantId: ctx.params.id, text: ctx.body.text, by: ctx.actor.userId }));

    const request = testRequest("/api/provider/tenants/t-1/notes", {
      json: { text: "Called" },
      headers: { cookie: "s=1" },
    });
    const response = await callRoute(POST, request, { id: "t-1" });
    expect([response.status, await response.json()]).toEqual([201, { tenantId: "t-1", text: "Called", by: "u-a" }]);
    expect(lines).toEqual([expect.objectContaining({ actor: "staff:u-a", status: 201 })]);

    const anonymous = await callRoute(POST, testRequest("/x", { json: { text: "x" } }), { id: "t-1" });
    expect(anonymous.status).toBe(401);
  });
});
