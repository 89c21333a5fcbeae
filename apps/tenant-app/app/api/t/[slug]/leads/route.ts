import { ZTenantLeadFilters } from "@pp/core/leads/lead-filters";
import { listTenantLeads } from "@pp/core/leads/list-tenant-leads";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withTenantAuth } from "@/lib/kit";

// GET /api/t/[slug]/leads – a page of the tenant's leads, filtered like the lead list ({ data, nextCursor }).
export const GET = compose(
  { route: "/api/t/[slug]/leads" },
  withTenantAuth(),
  withInput({ query: ZTenantLeadFilters }),
)(async (ctx) => json(await listTenantLeads({ ...ctx.query, tenantId: ctx.tenantId })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
