import { tenantRoleAtLeast } from "@pp/core/auth/permissions";
import { getCompanyProfile } from "@pp/core/settings/get-company-profile";
import { ButtonLink } from "@pp/ui/button";
import { Card } from "@pp/ui/card";
import { PageHeader } from "@pp/ui/page-header";
import type { Metadata } from "next";
import { Fact, Facts } from "@/components/facts";
import { CompanyProfileForm } from "@/components/settings/company-profile-form";
import { timeZoneLabel, tradeOptionLabel, WEEKDAY_LABELS, WEEKDAY_ORDER } from "@/components/settings/profile-types";
import { formatMoment } from "@/lib/format";
import { requireMember } from "@/lib/session";

export const metadata: Metadata = { title: "Settings" };

// /t/[slug]/settings – the company profile: owners edit it, everyone else reads it.
export default async function SettingsPage({ params }: PageProps<"/t/[slug]/settings">) {
  const { slug } = await params;
  const { actor, tenant } = await requireMember(slug);
  const profile = await getCompanyProfile({ tenantId: tenant.id });
  const canEdit = tenantRoleAtLeast(actor.role, "owner");
  const { updatedAt, slug: _slug, ...values } = profile;

  return (
    <>
      <PageHeader
        title="Settings"
        actions={<ButtonLink href={`/t/${slug}/settings/api-keys`}>API keys</ButtonLink>}
        description={
          canEdit
            ? `Your company profile. Last saved ${formatMoment(updatedAt, profile.timezone)}.`
            : "Your company profile. Only owners can change it — ask one if something is out of date."
        }
      />
      {canEdit ? (
        <CompanyProfileForm slug={slug} profile={values} />
      ) : (
        <div className="space-y-6">
          <Card title="Company">
            <Facts>
              <Fact label="Company name">{profile.name}</Fact>
              <Fact label="Trade">{tradeOptionLabel(profile.trade)}</Fact>
              <Fact label="Time zone">{timeZoneLabel(profile.timezone)}</Fact>
              <Fact label="Service areas">
                {profile.serviceAreas.length > 0 ? profile.serviceAreas.join(", ") : "None yet"}
              </Fact>
            </Facts>
          </Card>
          <Card title="Business hours">
            <Facts>
              {WEEKDAY_ORDER.map((day) => {
                const hours = profile.businessHours[day];
                return (
                  <Fact key={day} label={WEEKDAY_LABELS[day]}>
                    {hours ? `${hours.open} – ${hours.close}` : "Closed"}
                  </Fact>
                );
              })}
            </Facts>
          </Card>
          <Card title="Contact">
            <Facts>
              <Fact label="Contact name">{profile.contactName ?? "—"}</Fact>
              <Fact label="Contact phone">{profile.contactPhone ?? "—"}</Fact>
              <Fact label="Contact email">{profile.contactEmail ?? "—"}</Fact>
              <Fact label="Billing email">{profile.billingEmail ?? profile.contactEmail ?? "—"}</Fact>
            </Facts>
          </Card>
        </div>
      )}
    </>
  );
}
