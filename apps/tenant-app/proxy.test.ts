import { resetEnv } from "@pp/env";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { proxy } from "./proxy";

function request(url: string, headers: Record<string, string> = {}) {
  return new NextRequest(url, { headers });
}

/** Where Next.js would send the request after the proxy: a rewrite target, or the original path. */
function outcome(response: Response) {
  return {
    rewrite: response.headers.get("x-middleware-rewrite"),
    tenantHeader: response.headers.get("x-middleware-request-x-tenant-slug"),
  };
}

describe("tenant resolution in proxy.ts", () => {
  afterEach(() => {
    delete process.env.TENANT_BASE_DOMAIN;
    resetEnv();
  });

  it("leaves path routing alone and strips a tenant header sent by the client", () => {
    const response = proxy(request("http://localhost:3001/t/acme/leads", { "x-tenant-slug": "someone-else" }));
    expect(outcome(response)).toEqual({ rewrite: null, tenantHeader: null });
  });

  it("maps {slug}.TENANT_BASE_DOMAIN onto the /t/{slug} pages and APIs", () => {
    process.env.TENANT_BASE_DOMAIN = "app.example.com";
    resetEnv();
    const page = proxy(request("https://acme-plumbing.app.example.com/leads?status=new"));
    expect(outcome(page)).toEqual({
      rewrite: "https://acme-plumbing.app.example.com/t/acme-plumbing/leads?status=new",
      tenantHeader: "acme-plumbing",
    });
    const api = proxy(request("https://acme-plumbing.app.example.com/api/leads"));
    expect(outcome(api).rewrite).toBe("https://acme-plumbing.app.example.com/api/t/acme-plumbing/leads");
    for (const shared of ["/api/auth/sign-in/email", "/sign-in", "/accept-invitation?token=x", "/api/v1/me"]) {
      const response = proxy(request(`https://acme-plumbing.app.example.com${shared}`));
      expect(outcome(response), shared).toEqual({ rewrite: null, tenantHeader: "acme-plumbing" });
    }
  });

  it("ignores hosts that are not a tenant subdomain", () => {
    process.env.TENANT_BASE_DOMAIN = "app.example.com";
    resetEnv();
    expect(outcome(proxy(request("https://evil.example.org/leads")))).toEqual({ rewrite: null, tenantHeader: null });
    expect(outcome(proxy(request("https://Bad_Slug.app.example.com/leads")))).toEqual({
      rewrite: null,
      tenantHeader: null,
    });
  });
});
