import { captureLogs } from "@pp/core/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compose } from "./compose";
import { withInput } from "./input";
import { json } from "./respond";
import { callRoute, testRequest } from "./testing";

const ZLead = z.object({
  customer: z.object({ name: z.string().min(1), email: z.email() }),
  priceCents: z.number().int().nonnegative(),
});

function leadRoute(options?: { maxBytes?: number }) {
  const { logger } = captureLogs();
  return compose({ route: "/api/leads", logger }, withInput({ body: ZLead }, options))((ctx) => json(ctx.body));
}

const lead = { customer: { name: "Ada", email: "ada@example.com" }, priceCents: 4500 };

async function errorOf(response: Response) {
  return { status: response.status, ...(await response.json()).error };
}

describe("withInput body", () => {
  it("hands the parsed body to the handler", async () => {
    const response = await callRoute(leadRoute(), testRequest("/api/leads", { json: lead }));
    expect(await response.json()).toEqual(lead);
  });

  it("accepts JSON media types with parameters and +json", async () => {
    for (const type of ["application/json; charset=utf-8", "application/merge-patch+json"]) {
      const request = testRequest("/api/leads", { json: lead, headers: { "content-type": type } });
      expect((await callRoute(leadRoute(), request)).status).toBe(200);
    }
  });

  it("answers malformed JSON with 400 invalid_json", async () => {
    const request = testRequest("/api/leads", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"customer": ',
    });
    expect(await errorOf(await callRoute(leadRoute(), request))).toMatchObject({ status: 400, code: "invalid_json" });
  });

  it("answers a non-JSON content type with 415", async () => {
    const request = testRequest("/api/leads", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "customer=Ada",
    });
    expect(await errorOf(await callRoute(leadRoute(), request))).toMatchObject({
      status: 415,
      code: "unsupported_media_type",
    });
  });

  it("refuses a body whose Content-Length is over the limit before reading it", async () => {
    const request = testRequest("/api/leads", {
      json: { ...lead, padding: "x".repeat(2000) },
      headers: { "content-length": "2100" },
    });
    const error = await errorOf(await callRoute(leadRoute({ maxBytes: 1000 }), request));
    expect(error).toMatchObject({ status: 413, code: "payload_too_large", details: { maxBytes: 1000 } });
  });

  it("refuses an oversized body sent without Content-Length (chunked)", async () => {
    const chunk = new TextEncoder().encode(`{"padding":"${"x".repeat(600)}`);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(chunk);
        controller.enqueue(chunk);
        controller.close();
      },
    });
    // Node needs `duplex` for a streamed request body; the DOM RequestInit type does not know it.
    const init: RequestInit & { duplex: "half" } = {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
      duplex: "half",
    };
    const request = new Request("http://app.test/api/leads", init);
    expect(request.headers.get("content-length")).toBeNull();
    const error = await errorOf(await callRoute(leadRoute({ maxBytes: 1000 }), request));
    expect(error).toMatchObject({ status: 413, code: "payload_too_large" });
  });

  it("refuses a body larger than its Content-Length claims", async () => {
    const request = testRequest("/api/leads", {
      json: { ...lead, padding: "x".repeat(2000) },
      headers: { "content-length": "10" },
    });
    const error = await errorOf(await callRoute(leadRoute({ maxBytes: 1000 }), request));
    expect(error).toMatchObject({ status: 413, code: "payload_too_large" });
  });

  it("names the first bad field and lists every issue", async () => {
    const bad = { customer: { name: "", email: "nope" }, priceCents: 12 };
    const error = await errorOf(await callRoute(leadRoute(), testRequest("/api/leads", { json: bad })));
    expect(error.status).toBe(400);
    expect(error.code).toBe("validation_failed");
    expect(error.message).toMatch(/^Invalid field "customer\.name": /);
    expect(error.details.map((issue: { path: string }) => issue.path)).toEqual(["customer.name", "customer.email"]);
  });

  it("treats an empty body as missing", async () => {
    const request = testRequest("/api/leads", { method: "POST", headers: { "content-type": "application/json" } });
    const error = await errorOf(await callRoute(leadRoute(), request));
    expect(error).toMatchObject({
      status: 400,
      code: "validation_failed",
      message: expect.stringMatching(/^Invalid request body/),
    });
  });
});

describe("withInput query and params", () => {
  const ZQuery = z.object({ status: z.array(z.string()).or(z.string()).optional(), limit: z.coerce.number().max(50) });
  const ZParams = z.object({ id: z.uuid() });

  function listRoute() {
    const { logger } = captureLogs();
    return compose(
      { route: "/api/tenants/[id]/leads", logger },
      withInput({ query: ZQuery, params: ZParams }),
    )((ctx) => {
      // Typed by the schemas: limit is a number, params.id a string.
      const limit: number = ctx.query.limit;
      const id: string = ctx.params.id;
      return json({ limit, id, status: ctx.query.status });
    });
  }

  const id = "0190c7a2-8e1c-7c3a-9f00-0123456789ab";

  it("parses repeated keys into arrays and coerces strings", async () => {
    const request = testRequest(`/api/tenants/${id}/leads?status=new&status=won&limit=10`);
    expect(await (await callRoute(listRoute(), request, { id })).json()).toEqual({
      limit: 10,
      id,
      status: ["new", "won"],
    });
  });

  it("names the bad query parameter", async () => {
    const request = testRequest(`/api/tenants/${id}/leads?limit=500`);
    const error = await errorOf(await callRoute(listRoute(), request, { id }));
    expect(error).toMatchObject({ status: 400, code: "validation_failed", details: [{ path: "limit" }] });
    expect(error.message).toMatch(/^Invalid query parameter "limit"/);
  });

  it("names the bad path parameter", async () => {
    const error = await errorOf(await callRoute(listRoute(), testRequest("/api/tenants/x/leads?limit=1"), { id: "x" }));
    expect(error.message).toMatch(/^Invalid path parameter "id"/);
  });

  it("does not read a body on GET", async () => {
    const { logger } = captureLogs();
    const route = compose(
      { route: "/api/x", logger },
      withInput({ body: z.undefined() }),
    )((ctx) => json({ body: ctx.body ?? null }));
    expect((await callRoute(route, testRequest("/api/x"))).status).toBe(200);
  });
});
