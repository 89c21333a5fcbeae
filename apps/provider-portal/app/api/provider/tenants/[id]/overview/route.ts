import { getTenantOverview } from "@pp/core/tenants/get-tenant-overview";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZTenantOverviewParams } from "./schema";

// GET /api/provider/tenants/[id]/overview – Client 360's Overview aggregate for one tenant.
export const GET = compose(
  { route: "/api/provider/tenants/[id]/overview" },
  withProviderAuth("tenants:read"),
  withInput({ params: ZTenantOverviewParams }),
)(async ({ params }) => json(await getTenantOverview({ tenantId: params.id })));
