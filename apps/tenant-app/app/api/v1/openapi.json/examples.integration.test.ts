import { API_KEY_SCOPES } from "@pp/core/api-keys/api-key-scopes";
import { createApiKey } from "@pp/core/api-keys/create-api-key";
import { clearApiRateLimitCache } from "@pp/core/api-keys/get-api-rate-limit";
import { db } from "@pp/db";
import { createStaffUser, createTenant, ensureReferenceData } from "@pp/db/factories";
import { resetRateLimiters } from "@pp/http";
import { testRequest } from "@pp/http/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listRouteFiles, type RouteModule } from "../../../../../../tooling/routes/route-registry";
import { API_ENDPOINTS } from "../openapi";

let key = "";
// Filled by the endpoints before it in the reference: createLead's lead is the one getLead reads.
const ids: Record<string, string> = {};

beforeAll(async () => {
  await ensureReferenceData(db);
  const { user, staff } = await createStaffUser(db, { role: "admin" });
  const actor = {
    kind: "staff" as const,
    userId: user.id,
    email: user.email,
    name: user.name,
    role: staff.role,
    sessionId: "s",
  };
  // The runbook's test tenant is a plumber, like the documented examples.
  const tenant = await createTenant(db, { trade: "plumbing" });
  key = (await createApiKey({ actor, tenantId: tenant.id, name: "docs", scopes: [...API_KEY_SCOPES] })).key;
});

afterAll(async () => {
  await resetRateLimiters();
  clearApiRateLimitCache();
});

const routes = listRouteFiles("tenant-app");

describe("each documented request, sent as the reference shows it", () => {
  for (const endpoint of API_ENDPOINTS) {
    it(`${endpoint.operationId}: ${endpoint.method.toUpperCase()} ${endpoint.path} answers ${endpoint.response.status}`, async () => {
      const template = endpoint.path.replace(/\{([^}]+)\}/g, "[$1]");
      const route = routes.find((candidate) => candidate.template === template);
      if (!route) throw new Error(`no route file for ${template}`);
      const module = (await import(/* @vite-ignore */ route.file)) as RouteModule;
      const method = endpoint.method.toUpperCase() as keyof RouteModule;
      const handler = module[method];
      if (!handler) throw new Error(`${template} exports no ${method}`);
      const params = Object.fromEntries(
        (endpoint.path.match(/\{([^}]+)\}/g) ?? []).map((name) => [name.slice(1, -1), ids.lead ?? ""]),
      );
      const path = endpoint.path.replace(/\{([^}]+)\}/g, (_, name: string) => params[name] ?? "");
      const headers: Record<string, string> = { authorization: `Bearer ${key}` };
      if (endpoint.idempotent) headers["idempotency-key"] = crypto.randomUUID();
      const request =
        endpoint.bodyExample === undefined
          ? testRequest(path, { headers })
          : testRequest(path, { method: method, headers, json: endpoint.bodyExample });
      const response = await handler(request, { params: Promise.resolve(params) });
      const body = await response.json();
      expect(response.status, JSON.stringify(body)).toBe(endpoint.response.status);
      if (endpoint.operationId === "createLead") ids.lead = body.id;
    });
  }
});
