import { staffCan } from "@pp/core/auth/permissions";
import { PageHeader } from "@pp/ui/page-header";
import { firstParam, type UrlParams } from "@pp/ui/url";
import type { Metadata } from "next";
import { clientFilter } from "@/lib/client-filter";
import { permissionFor } from "@/lib/navigation";
import { requireStaff } from "@/lib/session";
import { UsageDashboard } from "./usage-dashboard";

export const metadata: Metadata = { title: "API Usage" };
export const dynamic = "force-dynamic";

const PATH = "/provider/api-usage";

export default async function ApiUsagePage({ searchParams }: { searchParams: Promise<UrlParams> }) {
  const staff = await requireStaff(permissionFor(PATH));
  const params = await searchParams;
  const tenantFilter = await clientFilter(firstParam(params, "tenantId"), { label: "Tenant", anyLabel: "All tenants" });
  return (
    <>
      <PageHeader
        title="API Usage"
        description="Requests to the tenant API and the portal API: trend against the prior period, endpoints, and each tenant's traffic against its rate limit."
      />
      <UsageDashboard
        pathname={PATH}
        params={params}
        tenantFilter={tenantFilter}
        canEditLimits={staffCan(staff.role, "usage:write")}
      />
    </>
  );
}
