import { staffCan } from "@pp/core/auth/permissions";
import { isAppError } from "@pp/core/errors";
import { getOnboarding, type OnboardingView } from "@pp/core/onboarding/get-onboarding";
import { LOGO_LIMITS } from "@pp/core/onboarding/upload-tenant-logo";
import { Card } from "@pp/ui/card";
import { EmptyState } from "@pp/ui/empty-state";
import { OnboardingChecklist } from "@pp/ui/onboarding/onboarding-checklist";
import { StartOnboardingButton } from "@pp/ui/onboarding/start-onboarding-button";
import { PageHeader } from "@pp/ui/page-header";
import { firstParam, type UrlParams } from "@pp/ui/url";
import { ClipboardList } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { tradeLabel } from "@/lib/labels";
import { requireStaff } from "@/lib/session";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ tenantId: string }>; searchParams?: Promise<UrlParams> };

const loadOnboarding = cache(async (tenantId: string): Promise<OnboardingView> => {
  try {
    return await getOnboarding({ tenantId });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requireStaff("onboarding:read");
  const { tenantId } = await params;
  const view = await loadOnboarding(tenantId);
  return { title: `Onboarding · ${view.tenant.name}` };
}

// /provider/tenant-onboarding/[tenantId] – one tenant's checklist: per-step forms, save draft, complete steps, go live.
export default async function TenantOnboardingChecklistPage({ params, searchParams }: Props) {
  const staff = await requireStaff("onboarding:read");
  const { tenantId } = await params;
  const view = await loadOnboarding(tenantId);
  const canWrite = staffCan(staff.role, "onboarding:write");
  // Back from Intuit ("Connect QuickBooks"): say how it went; the step shows the lasting status.
  const quickbooksReturn = firstParam((await searchParams) ?? {}, "quickbooks");
  const quickbooks = view.integrations.find((integration) => integration.kind === "quickbooks");

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/provider/tenant-onboarding" className="hover:underline">
            Tenant Onboarding
          </Link>
        }
        title={view.tenant.name}
        description={
          view.onboarding
            ? `${tradeLabel(view.onboarding.template.trade)} checklist, template v${view.onboarding.template.version}`
            : `${tradeLabel(view.tenant.trade)} tenant — onboarding has not started`
        }
      />
      {quickbooksReturn === "connected" && quickbooks?.status === "connected" ? (
        <p
          role="status"
          className="mb-4 rounded-card border border-success-600/20 bg-success-50 px-4 py-3 text-sm text-success-700"
        >
          QuickBooks is connected
          {typeof quickbooks.config.realmId === "string" ? ` (company ${quickbooks.config.realmId})` : ""}.
        </p>
      ) : quickbooksReturn === "error" && quickbooks?.lastError ? (
        <p
          role="alert"
          className="mb-4 rounded-card border border-danger-600/20 bg-danger-50 px-4 py-3 text-sm text-danger-700"
        >
          {quickbooks.lastError}
        </p>
      ) : null}
      {view.onboarding ? (
        <OnboardingChecklist
          apiUrl={`/api/provider/onboarding/${tenantId}`}
          initial={view}
          editable={canWrite ? "all" : "none"}
          canCompleteOnboarding={canWrite}
          integrationTestUrl={canWrite ? `/api/provider/integrations/${tenantId}` : undefined}
          logoUrl={`/api/provider/onboarding/${tenantId}/logo`}
          logoLimits={LOGO_LIMITS}
          quickbooksAuthorizeUrl={canWrite ? `/api/provider/integrations/${tenantId}/quickbooks/authorize` : undefined}
        />
      ) : (
        <Card>
          <EmptyState
            icon={<ClipboardList />}
            title="Onboarding has not started"
            description={`Start from the ${tradeLabel(view.tenant.trade)} template to create this tenant's checklist.`}
            action={
              canWrite ? (
                <StartOnboardingButton
                  url={`/api/provider/onboarding/${tenantId}`}
                  checklistHref={`/provider/tenant-onboarding/${tenantId}`}
                  tenantName={view.tenant.name}
                  size="md"
                />
              ) : undefined
            }
          />
        </Card>
      )}
    </>
  );
}
