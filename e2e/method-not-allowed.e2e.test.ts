import { describe, expect, inject, it } from "vitest";
import { exportedMethods, fillTemplate, listRouteFiles, paramNames } from "../tooling/routes/route-registry";

const { portalUrl, tenantUrl } = inject("e2e");

const APPS = [
  { app: "provider-portal" as const, baseUrl: portalUrl },
  { app: "tenant-app" as const, baseUrl: tenantUrl },
];

// The built apps behind `next start`: what a client really gets, not what a handler returns in a test.
describe.each(APPS)("$app: a method a route does not serve, over HTTP", ({ app, baseUrl }) => {
  const routes = listRouteFiles(app);

  it("answers 405 with Allow, a JSON error and X-Request-Id on every API route", async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const implemented = exportedMethods(route).map(({ method }) => method as string);
      const method = ["PUT", "DELETE", "PATCH", "POST", "GET"].find((candidate) => !implemented.includes(candidate));
      if (!method) continue;
      const params = Object.fromEntries(paramNames(route.template).map((name) => [name, "x"]));
      const response = await fetch(`${baseUrl}${fillTemplate(route.template, params)}`, {
        method,
        redirect: "manual",
      });
      const body = (await response.json().catch(() => null)) as {
        error?: { code?: string; requestId?: string };
      } | null;
      const allow = response.headers.get("allow") ?? "";
      const ok =
        response.status === 405 &&
        implemented.every((name) => allow.includes(name)) &&
        body?.error?.code === "method_not_allowed" &&
        body.error.requestId === response.headers.get("x-request-id");
      if (!ok) wrong.push(`${method} ${route.template} → ${response.status} allow="${allow}" ${JSON.stringify(body)}`);
    }
    expect(wrong).toEqual([]);
  });

  it("answers OPTIONS with 204 and the methods the route really serves", async () => {
    const route = routes.find(
      (candidate) => candidate.template === (app === "tenant-app" ? "/api/v1/leads" : "/api/health"),
    );
    if (!route) throw new Error("route not found");
    const response = await fetch(`${baseUrl}${route.template}`, { method: "OPTIONS" });
    expect(response.status).toBe(204);
    const expected = app === "tenant-app" ? "GET, HEAD, POST, OPTIONS" : "GET, HEAD, OPTIONS";
    expect(response.headers.get("allow")).toBe(expected);
  });
});
