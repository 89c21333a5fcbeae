import { currentAuditContext, runWithAuditContext } from "@pp/core/audit/audit-context";
import { describe, expect, it } from "vitest";
import { auditContextOf, clientIpOf } from "./audit-context";

const request = (headers: Record<string, string>) => new Request("http://localhost/api/x", { headers });

describe("auditContextOf", () => {
  it("takes the request id, the first forwarded hop and the user agent", () => {
    const context = auditContextOf({
      requestId: "req-1",
      request: request({ "x-forwarded-for": "203.0.113.7, 10.0.0.1", "user-agent": "Firefox/140" }),
    });
    expect(context).toEqual({ requestId: "req-1", ip: "203.0.113.7", userAgent: "Firefox/140" });
  });

  it("falls back to X-Real-IP, and leaves out what the request does not say", () => {
    expect(clientIpOf(request({ "x-real-ip": "198.51.100.2" }))).toBe("198.51.100.2");
    expect(auditContextOf({ requestId: "req-2", request: request({}) })).toEqual({
      requestId: "req-2",
      ip: undefined,
      userAgent: undefined,
    });
  });

  it("caps absurdly long header values", () => {
    const context = auditContextOf({
      requestId: "r",
      request: request({ "x-forwarded-for": "1".repeat(500), "user-agent": "u".repeat(5000) }),
    });
    expect(context.ip).toHaveLength(64);
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
