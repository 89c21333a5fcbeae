import { listTenantHealth } from "@pp/core/health/list-tenant-health";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZTenantHealthQuery } from "./schema";

// GET /api/provider/tenants/health – Tenant Health tiles: score, band, trend, top reason; filters, sort, cursor.
export const GET = compose(
  { route: "/api/provider/tenants/health" },
  withProviderAuth("success:read"),
  withInput({ query: ZTenantHealthQuery }),
)(async (ctx) => json(await listTenantHealth(ctx.query)));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
