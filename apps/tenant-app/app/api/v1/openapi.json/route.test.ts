import { ERROR_CODES } from "@pp/core/errors";
import { callRoute, testRequest } from "@pp/http/testing";
import { describe, expect, it } from "vitest";
import { exportedMethods, listRouteFiles } from "../../../../../../tooling/routes/route-registry";
import { GET } from "./route";

type Operation = {
  operationId: string;
  parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: { type?: string; properties?: Record<string, unknown> } }> };
  responses: Record<
    string,
    {
      description: string;
      headers?: Record<string, unknown>;
      content?: Record<string, { schema: Record<string, unknown> }>;
    }
  >;
  security: Record<string, string[]>[];
};
type Document = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, Record<string, unknown>>;
    securitySchemes: Record<string, unknown>;
    headers: Record<string, unknown>;
  };
};

async function fetchDocument(): Promise<{ response: Response; document: Document }> {
  const response = await callRoute(GET, testRequest("/api/v1/openapi.json"));
  return { response, document: await response.json() };
}

describe("GET /api/v1/openapi.json", () => {
  it("is public and an OpenAPI 3.1 document with info, paths, components and bearer security", async () => {
    const { response, document } = await fetchDocument();
    expect(response.status).toBe(200);
    expect(document.openapi).toBe("3.1.0");
    expect(document.info.title).toBeTruthy();
    expect(document.info.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(document.components.securitySchemes.apiKey).toEqual(
      expect.objectContaining({ type: "http", scheme: "bearer" }),
    );
    // Every $ref points at a schema the document defines.
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(document.components.schemas).toHaveProperty(ref ?? "");
  });

  it("documents every /api/v1 route on disk, with each method it exports", async () => {
    const { document } = await fetchDocument();
    const routes = listRouteFiles("tenant-app").filter(
      (route) => route.template.startsWith("/api/v1/") && route.template !== "/api/v1/openapi.json",
    );
    expect(routes.length).toBeGreaterThanOrEqual(4);
    for (const route of routes) {
      const path = route.template.replace(/\[([^\]]+)\]/g, "{$1}");
      for (const { method } of exportedMethods(route)) {
        const operation = document.paths[path]?.[method.toLowerCase()];
        expect(operation, `${method} ${path}`).toBeDefined();
        expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(["401", "429"]));
        for (const name of path.match(/\{([^}]+)\}/g) ?? []) {
          expect(operation?.parameters).toContainEqual(
            expect.objectContaining({ name: name.slice(1, -1), in: "path", required: true }),
          );
        }
      }
    }
  });

  it("takes parameters and bodies from the routes' zod schemas", async () => {
    const { document } = await fetchDocument();
    const list = document.paths["/api/v1/leads"]?.get;
    expect(list?.parameters.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(["status", "category", "since", "limit", "cursor"]),
    );
    expect(list?.security).toEqual([{ apiKey: ["leads:read"] }]);
    const create = document.paths["/api/v1/leads"]?.post;
    const body = create?.requestBody?.content["application/json"]?.schema;
    expect(body?.type).toBe("object");
    expect(Object.keys(body?.properties ?? {})).toEqual(
      expect.arrayContaining(["category", "source", "contact", "serviceAddress", "externalId"]),
    );
    expect(Object.keys(create?.responses ?? {})).toEqual(expect.arrayContaining(["201", "400", "403", "409"]));
    expect(document.paths["/api/v1/leads/{id}"]?.patch?.responses).toHaveProperty("422");
    expect(document.components.schemas.Lead?.properties).toHaveProperty("priceCents");
  });

  it("declares every status a step can answer, a default error, and the headers each response carries", async () => {
    const { document } = await fetchDocument();
    const operations = Object.values(document.paths).flatMap((path) => Object.values(path));
    for (const operation of operations) {
      const statuses = Object.keys(operation.responses);
      expect(statuses, operation.operationId).toEqual(expect.arrayContaining(["400", "401", "429", "default"]));
      for (const [status, response] of Object.entries(operation.responses)) {
        expect(Object.keys(response.headers ?? {}), `${operation.operationId} ${status}`).toContain("X-Request-Id");
        // 401 and 403 are answered before the rate limit; everything after it reports the limit.
        if (/^(2|4)\d\d$/.test(status) && status !== "401" && status !== "403") {
          expect(Object.keys(response.headers ?? {})).toEqual(
            expect.arrayContaining(["RateLimit", "RateLimit-Policy"]),
          );
        }
      }
      expect(Object.keys(operation.responses["429"]?.headers ?? {})).toContain("Retry-After");
      if (operation.requestBody) expect(statuses).toEqual(expect.arrayContaining(["413", "415"]));
      if (operation.parameters.some((parameter) => parameter.name === "Idempotency-Key")) {
        expect(statuses).toEqual(expect.arrayContaining(["409", "422"]));
      }
    }
    expect(Object.keys(document.components.headers)).toEqual(
      expect.arrayContaining(["X-Request-Id", "RateLimit", "RateLimit-Policy", "Retry-After"]),
    );
  });

  it("lists error.code as the closed set of codes from the one error table", async () => {
    const { document } = await fetchDocument();
    const error = document.components.schemas.Error as {
      properties: { error: { properties: { code: { enum: string[] } } } };
    };
    expect(error.properties.error.properties.code.enum.sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });
});
