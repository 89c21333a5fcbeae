import { captureLogs } from "@pp/core/testing";
import { describe, expect, it } from "vitest";
import { compose } from "./compose";
import { withOriginCheck } from "./origin";
import { json } from "./respond";
import { callRoute, testRequest } from "./testing";

function route() {
  const { logger } = captureLogs();
  const check = withOriginCheck({ allowedOrigins: () => ["https://portal.example.com/"] });
  return compose({ route: "/api/x", logger }, check)(() => json({ ok: true }));
}

async function statusOf(headers: Record<string, string>, method = "POST") {
  const response = await callRoute(route(), testRequest("/api/x", { method, headers }));
  return response.status === 403 ? (await response.json()).error.code : response.status;
}

describe("withOriginCheck", () => {
  it("lets a cookie write from an allowed origin through", async () => {
    expect(await statusOf({ cookie: "s=1", origin: "https://portal.example.com" })).toBe(200);
  });

  it("refuses a cookie write from another origin", async () => {
    expect(await statusOf({ cookie: "s=1", origin: "https://evil.example" })).toBe("origin_mismatch");
    expect(await statusOf({ cookie: "s=1", origin: "null" })).toBe("origin_mismatch");
  });

  it("falls back to the Referer when Origin is absent", async () => {
    expect(await statusOf({ cookie: "s=1", referer: "https://portal.example.com/provider/leads?x=1" })).toBe(200);
    expect(await statusOf({ cookie: "s=1", referer: "https://evil.example/page" }, "DELETE")).toBe("origin_mismatch");
  });

  it("refuses a cookie write that names no origin at all", async () => {
    expect(await statusOf({ cookie: "s=1" }, "PATCH")).toBe("origin_mismatch");
  });

  it("still checks a cookie write that also carries a Bearer header", async () => {
    expect(await statusOf({ cookie: "s=1", authorization: "Bearer pp_live_x", origin: "https://evil.example" })).toBe(
      "origin_mismatch",
    );
    expect(await statusOf({ cookie: "s=1", authorization: "Bearer anything" })).toBe("origin_mismatch");
    // Without cookies there is no ambient credential to abuse: an API client's write passes.
    expect(await statusOf({ authorization: "Bearer pp_live_x", origin: "https://evil.example" })).toBe(200);
  });

  it("does not check writes without cookies, or safe methods", async () => {
    expect(await statusOf({ origin: "https://evil.example" })).toBe(200);
    expect(await statusOf({ cookie: "s=1", origin: "https://evil.example" }, "GET")).toBe(200);
  });
});
