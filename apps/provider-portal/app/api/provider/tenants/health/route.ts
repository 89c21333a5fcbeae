import { listTenantHealth } from "@pp/core/health/list-tenant-health";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZTenantHealthQuery } from "./schema";

// GET /api/provider/tenants/health – Tenant Health tiles: score, band, trend, top reason; filters, sort, cursor.
export const GET = compose(
  { route: "/api/provider/tenants/health" },
  withProviderAuth("success:read"),
  withInput({ query: ZTenantHealthQuery }),
)(async (ctx) => json(await listTenantHealth(ctx.query)));
