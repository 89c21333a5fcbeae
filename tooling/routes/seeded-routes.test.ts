import { PORTAL_ROUTES, TENANT_ROUTES } from "@pp/db/factories";
import { describe, expect, it } from "vitest";
import { exportedMethods, listRouteFiles } from "./route-registry";

/** "GET /api/v1/leads" for every method every route file of the app exports. */
function servedBy(app: "provider-portal" | "tenant-app"): Set<string> {
  return new Set(
    listRouteFiles(app).flatMap((route) => exportedMethods(route).map(({ method }) => `${method} ${route.template}`)),
  );
}

describe("seeded API usage", () => {
  it("names only routes and methods the apps really serve, so seeded and logged rows group together", () => {
    const tenant = servedBy("tenant-app");
    const portal = servedBy("provider-portal");
    expect(
      TENANT_ROUTES.map((route) => `${route.method} ${route.route}`).filter((route) => !tenant.has(route)),
    ).toEqual([]);
    expect(
      PORTAL_ROUTES.map((route) => `${route.method} ${route.route}`).filter((route) => !portal.has(route)),
    ).toEqual([]);
  });
});
