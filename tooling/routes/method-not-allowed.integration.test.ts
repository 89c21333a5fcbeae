import { resetEnv } from "@pp/env";
import { allowedMethods, ROUTE_METHODS, type RouteMethod } from "@pp/http/method-not-allowed";
import { beforeAll, describe, expect, it } from "vitest";
import { exportedMethods, fillTemplate, listRouteFiles, paramNames } from "./route-registry";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

beforeAll(() => {
  process.env.AUTH_SECRET ??= "method-not-allowed-test-secret-of-enough-length";
  resetEnv();
});

describe.each(["provider-portal", "tenant-app"] as const)(
  "every %s API route and a method it does not serve",
  (app) => {
    const routes = listRouteFiles(app);

    it("finds the routes on disk", () => {
      expect(routes.length).toBeGreaterThan(10);
    });

    for (const route of routes) {
      const implemented = exportedMethods(route).map(({ method }) => method as string);
      const allow = allowedMethods(implemented);
      it(`${route.template} answers 405 with Allow: ${allow}, a JSON error and a request id`, async () => {
        const module = (await import(/* @vite-ignore */ route.file)) as Partial<Record<RouteMethod, Handler>>;
        const params = Object.fromEntries(paramNames(route.template).map((name) => [name, "x"]));
        const url = `http://app.test${fillTemplate(route.template, params)}`;
        const others = ROUTE_METHODS.filter(
          (method) => !implemented.includes(method) && !(method === "HEAD" && implemented.includes("GET")),
        );
        for (const method of others) {
          const handler = module[method];
          // Without its own handler Next.js answers an empty 405 with no Allow header.
          const fix = `end ${route.file} with: export const { ${others.join(", ")} } = methodNotAllowed({ ${implemented.join(", ")} });`;
          expect(handler, `${method} ${route.template} has no handler; ${fix}`).toBeTypeOf("function");
          if (!handler) continue;
          const response = await handler(new Request(url, { method }), { params: Promise.resolve(params) });
          expect(response.headers.get("allow"), `${method} ${route.template}`).toBe(allow);
          expect(response.headers.get("x-request-id")).toBeTruthy();
          if (method === "OPTIONS") {
            expect(response.status).toBe(204);
            continue;
          }
          expect(response.status, `${method} ${route.template}`).toBe(405);
          const body = (await response.json()) as { error: { code: string; requestId: string } };
          expect(body.error.code).toBe("method_not_allowed");
          expect(body.error.requestId).toBe(response.headers.get("x-request-id"));
        }
      });
    }
  },
);
