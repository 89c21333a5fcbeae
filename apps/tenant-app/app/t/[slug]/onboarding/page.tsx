import { tenantRoleAtLeast } from "@pp/core/auth/permissions";
import { getOnboarding } from "@pp/core/onboarding/get-onboarding";
import { LOGO_LIMITS } from "@pp/core/onboarding/upload-tenant-logo";
import { Card } from "@pp/ui/card";
import { EmptyState } from "@pp/ui/empty-state";
import { OnboardingChecklist } from "@pp/ui/onboarding/onboarding-checklist";
import { StartOnboardingButton } from "@pp/ui/onboarding/start-onboarding-button";
import { PageHeader } from "@pp/ui/page-header";
import { ClipboardCheck } from "lucide-react";
import type { Metadata } from "next";
import { requireMember } from "@/lib/session";

export const metadata: Metadata = { title: "Onboarding" };
export const dynamic = "force-dynamic";

// /t/[slug]/onboarding – the onboarding checklist; the owner starts it and completes Company Profile, Branding and Training & Go-Live.
export default async function OnboardingPage({ params }: PageProps<"/t/[slug]/onboarding">) {
  const { slug } = await params;
  const { actor, tenant } = await requireMember(slug);
  const view = await getOnboarding({ tenantId: tenant.id });
  const isOwner = tenantRoleAtLeast(actor.role, "owner");

  return (
    <>
      <PageHeader
        title="Onboarding"
        description={
          isOwner
            ? "Complete your steps — company profile, licence, branding, training and go-live. Your onboarding specialist handles the rest."
            : "Your company's setup checklist. Only an owner can complete steps."
        }
      />
      {view.onboarding ? (
        <OnboardingChecklist
          apiUrl={`/api/t/${slug}/onboarding`}
          initial={view}
          editable={isOwner ? "owner" : "none"}
          canCompleteOnboarding={false}
          logoUrl={`/api/t/${slug}/logo`}
          logoLimits={LOGO_LIMITS}
        />
      ) : (
        <Card>
          <EmptyState
            icon={<ClipboardCheck />}
            title="Onboarding has not started yet"
            description={
              isOwner
                ? "Start your checklist now: it opens with the profile you already saved, and your onboarding specialist sees your progress."
                : "An owner of your company (or your onboarding specialist) starts the checklist; you will see its steps here."
            }
            action={
              isOwner ? (
                <StartOnboardingButton
                  url={`/api/t/${slug}/onboarding`}
                  checklistHref={`/t/${slug}/onboarding`}
                  tenantName={tenant.name}
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
