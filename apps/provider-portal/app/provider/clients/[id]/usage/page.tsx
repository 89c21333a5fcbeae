import { staffCan } from "@pp/core/auth/permissions";
import { isAppError } from "@pp/core/errors";
import { getTenantRateLimitSetting } from "@pp/core/usage/api-usage-rate-limit";
import type { UrlParams } from "@pp/ui/url";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { permissionFor } from "@/lib/navigation";
import { requireStaff } from "@/lib/session";
import { UsageDashboard } from "../../../api-usage/usage-dashboard";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<UrlParams> };

const loadTenant = cache(async (tenantId: string) => {
  try {
    return await getTenantRateLimitSetting({ tenantId });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requireStaff(permissionFor("/provider/api-usage"));
  const { id } = await params;
  return { title: `${(await loadTenant(id)).tenantName} · Usage` };
}

/** Client 360 › Usage: /provider/api-usage's views for this one tenant (the header and tabs come from the layout). */
export default async function ClientUsagePage({ params, searchParams }: Props) {
  const staff = await requireStaff(permissionFor("/provider/api-usage"));
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const tenant = await loadTenant(id);
  const pathname = `/provider/clients/${tenant.tenantId}/usage`;
  return (
    <UsageDashboard
      pathname={pathname}
      params={query}
      tenantId={tenant.tenantId}
      canEditLimits={staffCan(staff.role, "usage:write")}
    />
  );
}
