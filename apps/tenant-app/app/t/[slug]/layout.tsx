import { NPS_QUESTION } from "@pp/core/nps/nps-rules";
import { shouldAskNps } from "@pp/core/nps/should-ask-nps";
import { getTenantBranding } from "@pp/core/onboarding/get-tenant-branding";
import { getTenantLogoInfo } from "@pp/core/onboarding/upload-tenant-logo";
import type { CSSProperties } from "react";
import { NpsPrompt } from "@/components/nps/nps-prompt";
import { TenantShell } from "@/components/tenant-shell";
import { requireMember } from "@/lib/session";

// /t/[slug] – the tenant shell; requireMember sends strangers to sign-in and non-members to a 404.
export default async function TenantLayout({ children, params }: LayoutProps<"/t/[slug]">) {
  const { slug } = await params;
  const { actor, tenant } = await requireMember(slug);
  // The brand colour chosen in onboarding ("Branding") replaces the product's own on every brand-600 use.
  const [branding, logo, askNps] = await Promise.all([
    getTenantBranding(tenant.id),
    getTenantLogoInfo(tenant.id),
    shouldAskNps({ actor }),
  ]);
  const brandStyle = branding ? ({ "--color-brand-600": branding.primaryColor } as CSSProperties) : undefined;
  return (
    <div className="contents" style={brandStyle} data-brand-color={branding?.primaryColor}>
      <TenantShell
        tenant={{
          name: tenant.name,
          slug: tenant.slug,
          trade: tenant.trade,
          status: tenant.status,
          logoUrl: logo ? `/api/t/${tenant.slug}/logo?v=${logo.sha256.slice(0, 16)}` : null,
        }}
        user={{ name: actor.name, email: actor.email, role: actor.role }}
      >
        {askNps ? <NpsPrompt slug={tenant.slug} question={NPS_QUESTION} /> : null}
        {children}
      </TenantShell>
    </div>
  );
}
