import { computeHealthScores } from "@pp/core/health/compute-health-scores";
import { getTenantHealth } from "@pp/core/health/get-tenant-health";
import { getTenantOrThrow } from "@pp/core/success/get-tenant-or-throw";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZTenantParams } from "./schema";

const route = "/api/provider/tenants/[id]/health";

// GET /api/provider/tenants/[id]/health – the client's health: score, band, trend, components, why it changed, history.
export const GET = compose(
  { route },
  withProviderAuth("success:read"),
  withInput({ params: ZTenantParams }),
)(async (ctx) => json(await getTenantHealth({ tenantId: ctx.params.id })));

// POST /api/provider/tenants/[id]/health – recompute today's score for this client now (the nightly job does all).
export const POST = compose(
  { route },
  withProviderAuth("success:write"),
  withInput({ params: ZTenantParams }),
)(async (ctx) => {
  const tenant = await getTenantOrThrow({ tenantId: ctx.params.id });
  await computeHealthScores({ tenantIds: [tenant.id] });
  return json(await getTenantHealth({ tenantId: tenant.id }));
});

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET, POST });
