import { getTenantOption } from "@pp/core/tenants/get-tenant-option";
import { PageHeader } from "@pp/ui/page-header";
import { firstParam, type UrlParams } from "@pp/ui/url";
import type { Metadata } from "next";
import { requireStaff } from "@/lib/session";
import { NewIncidentForm } from "./new-incident-form";

export const metadata: Metadata = { title: "New incident" };
export const dynamic = "force-dynamic";

const ORIGINS = ["list", "client", "action_center"] as const;

// Opened from the list, from Client 360 (`?tenantId=`) or from the Action Center (`&from=action_center`).
export default async function NewIncidentPage({ searchParams }: { searchParams: Promise<UrlParams> }) {
  await requireStaff("incidents:write");
  const params = await searchParams;
  const tenantId = firstParam(params, "tenantId");
  const client = await getTenantOption({ id: tenantId });
  const from = firstParam(params, "from");
  const origin = ORIGINS.find((value) => value === from) ?? (tenantId ? "client" : "list");
  return (
    <>
      <PageHeader
        eyebrow="Support & Incidents"
        title="New incident"
        description="The SLA clocks start when you open it: acknowledge and resolve targets come from the severity's policy."
      />
      <NewIncidentForm client={client} origin={origin} title={firstParam(params, "title")?.slice(0, 200)} />
    </>
  );
}
