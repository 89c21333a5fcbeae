import { describe, expect, it } from "vitest";
import { securityHeaders } from "./security-headers";

const headerMap = (options: Parameters<typeof securityHeaders>[0]) =>
  new Map(securityHeaders(options).map(({ key, value }) => [key, value]));

describe("securityHeaders", () => {
  it("forbids framing, sniffing and foreign scripts on every response", () => {
    const headers = headerMap({ production: true, publicUrl: "http://localhost:3000" });
    expect(headers.get("X-Frame-Options")).toBe("DENY");
    expect(headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    expect(headers.get("Permissions-Policy")).toContain("camera=()");
    const csp = headers.get("Content-Security-Policy") ?? "";
    for (const directive of [
      "default-src 'self'",
      "script-src 'self' 'unsafe-inline'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ]) {
      expect(csp.split("; ")).toContain(directive);
    }
  });

  it("allows eval only outside production builds (next dev needs it for hot reload)", () => {
    const csp = (production: boolean) =>
      headerMap({ production, publicUrl: "http://localhost:3000" }).get("Content-Security-Policy") ?? "";
    expect(csp(true)).not.toContain("unsafe-eval");
    expect(csp(false)).toContain("'unsafe-eval'");
  });

  it("sends HSTS only for a production build served over https", () => {
    expect(
      headerMap({ production: true, publicUrl: "https://portal.example.com" }).get("Strict-Transport-Security"),
    ).toBe("max-age=63072000; includeSubDomains");
    expect(headerMap({ production: true, publicUrl: "http://localhost:3000" }).has("Strict-Transport-Security")).toBe(
      false,
    );
    expect(
      headerMap({ production: false, publicUrl: "https://portal.example.com" }).has("Strict-Transport-Security"),
    ).toBe(false);
    expect(headerMap({ production: true, publicUrl: "not a url" }).has("Strict-Transport-Security")).toBe(false);
  });

  it("never lists a header twice", () => {
    const keys = securityHeaders({ production: true, publicUrl: "https://a.example" }).map(({ key }) =>
      key.toLowerCase(),
    );
    expect(new Set(keys).size).toBe(keys.length);
  });
});
