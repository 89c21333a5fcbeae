import { isAppError } from "@pp/core/errors";
import { getClientSuccess } from "@pp/core/success/get-client-success";
import { getTenantOverview, type TenantOverview } from "@pp/core/tenants/get-tenant-overview";
import { notFound } from "next/navigation";
import { cache } from "react";

/** One query per request for layout, metadata and tabs alike; an unknown id is the 404 page. */
export const loadOverview = cache(async (tenantId: string): Promise<TenantOverview> => {
  try {
    return await getTenantOverview({ tenantId });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
});

/** Health, NPS and lifecycle for the Client 360 header. */
export const loadClientSuccess = cache(async (tenantId: string) => {
  const overview = await loadOverview(tenantId);
  return getClientSuccess({ tenantId: overview.tenant.id, hasCurrentSubscription: overview.subscription !== null });
});
