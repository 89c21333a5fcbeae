import { currentAuditContext, runWithAuditContext } from "@pp/core/audit/audit-context";
import { clientIp, markClientIpServer } from "@pp/core/net/client-ip";
import { afterEach, describe, expect, it } from "vitest";
import { auditContextOf } from "./audit-context";

const request = (headers: Record<string, string>) => new Request("http://localhost/api/x", { headers });

afterEach(() => markClientIpServer(false));

describe("auditContextOf", () => {
  it("takes the request id, the app server's client IP and the user agent — never the client's own X-Forwarded-For", () => {
    markClientIpServer();
    const context = auditContextOf({
      requestId: "req-1",
      request: request({
        "x-pp-client-ip": "203.0.113.7",
        "x-forwarded-for": "198.51.100.9, 10.0.0.1",
        "x-real-ip": "198.51.100.8",
        "user-agent": "Firefox/140",
      }),
    });
    expect(context).toEqual({ requestId: "req-1", ip: "203.0.113.7", userAgent: "Firefox/140" });
  });

  it("reads no IP when the process is not behind the app server (nothing in the request can be trusted)", () => {
    const forged = request({ "x-pp-client-ip": "203.0.113.7", "x-forwarded-for": "198.51.100.9" });
    expect(clientIp(forged)).toBeUndefined();
    expect(auditContextOf({ requestId: "req-2", request: request({}) })).toEqual({
      requestId: "req-2",
      ip: undefined,
      userAgent: undefined,
    });
  });

  it("refuses values that are not IP addresses, and caps the user agent", () => {
    markClientIpServer();
    const context = auditContextOf({
      requestId: "r",
      request: request({ "x-pp-client-ip": "1".repeat(500), "user-agent": "u".repeat(5000) }),
    });
    expect(context.ip).toBeUndefined();
    expect(context.userAgent).toHaveLength(512);
  });
});

describe("runWithAuditContext", () => {
  it("exposes the context inside the call, across awaits, and nowhere else", async () => {
    expect(currentAuditContext()).toBeUndefined();
    const seen = await runWithAuditContext({ requestId: "inner" }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentAuditContext();
    });
    expect(seen).toEqual({ requestId: "inner" });
    expect(currentAuditContext()).toBeUndefined();
  });
});
