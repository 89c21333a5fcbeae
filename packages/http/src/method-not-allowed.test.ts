import { describe, expect, it } from "vitest";
import { allowedMethods, methodNotAllowed } from "./method-not-allowed";
import { json } from "./respond";
import { callRoute, testRequest } from "./testing";

describe("methodNotAllowed", () => {
  const GET = async () => json({ ok: true });
  const POST = async () => json({ ok: true }, { status: 201 });

  it("answers an unimplemented method with 405, Allow, a JSON error and a request id", async () => {
    const { DELETE } = methodNotAllowed({ GET, POST });
    const response = await callRoute(DELETE, testRequest("/api/things", { method: "DELETE" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");
    const body = await response.json();
    expect(body.error).toMatchObject({
      code: "method_not_allowed",
      details: { allowed: ["GET", "HEAD", "POST", "OPTIONS"] },
    });
    expect(body.error.message).toContain("DELETE is not allowed");
    expect(body.error.requestId).toBe(response.headers.get("x-request-id"));
  });

  it("keeps the caller's request id, answers OPTIONS with 204 and the true Allow, HEAD via GET", async () => {
    const handlers = methodNotAllowed({ GET });
    const put = await callRoute(
      handlers.PUT,
      testRequest("/x", { method: "PUT", headers: { "x-request-id": "trace-1" } }),
    );
    expect(put.headers.get("x-request-id")).toBe("trace-1");
    const options = await callRoute(handlers.OPTIONS, testRequest("/x", { method: "OPTIONS" }));
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(handlers.HEAD).toBe(GET);
  });

  it("refuses HEAD on a route without GET", async () => {
    const { HEAD } = methodNotAllowed({ POST });
    expect((await callRoute(HEAD, testRequest("/x", { method: "HEAD" }))).status).toBe(405);
    expect(allowedMethods(["POST"])).toBe("POST, OPTIONS");
  });
});
