import { getTenantOverview } from "@pp/core/tenants/get-tenant-overview";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZTenantOverviewParams } from "./schema";

// GET /api/provider/tenants/[id]/overview – Client 360's Overview aggregate for one tenant.
export const GET = compose(
  { route: "/api/provider/tenants/[id]/overview" },
  withProviderAuth("tenants:read"),
  withInput({ params: ZTenantOverviewParams }),
)(async ({ params }) => json(await getTenantOverview({ tenantId: params.id })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
