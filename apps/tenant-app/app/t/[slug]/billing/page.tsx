import { tenantRoleAtLeast } from "@pp/core/auth/permissions";
import { getTenantBilling } from "@pp/core/billing/get-tenant-billing";
import { getUpcomingInvoice } from "@pp/core/billing/get-upcoming-invoice";
import { StatusBadge } from "@pp/ui/badge";
import { ButtonLink } from "@pp/ui/button";
import { Card } from "@pp/ui/card";
import { EmptyState } from "@pp/ui/empty-state";
import { formatCents } from "@pp/ui/format";
import { PageHeader } from "@pp/ui/page-header";
import { Receipt } from "lucide-react";
import type { Metadata } from "next";
import { formatDay } from "@/lib/format";
import { requireMember } from "@/lib/session";
import { CardOnFileCard, PayNow } from "./card-on-file";
import { CouponCard } from "./coupon-card";
import { InvoiceLines } from "./invoice-lines";

export const metadata: Metadata = { title: "Billing" };

// /t/[slug]/billing – the plan, recent invoices with their lines and credits, and credit waiting for the next invoice.
export default async function BillingPage({ params }: PageProps<"/t/[slug]/billing">) {
  const { slug } = await params;
  const { tenant, actor } = await requireMember(slug);
  const billing = await getTenantBilling({ tenantId: tenant.id });
  const upcoming = await getUpcomingInvoice({ tenantId: tenant.id });
  const zone = tenant.timezone;

  return (
    <>
      <PageHeader
        title="Billing"
        description="Your plan and invoices. Approved lead disputes show up here as credits."
      />
      <div className="mb-6 grid gap-6 md:grid-cols-2">
        <Card title="Plan">
          {billing.plan && billing.subscription ? (
            <p className="text-sm">
              <span className="font-semibold">{billing.plan.name}</span> —{" "}
              {formatCents(billing.plan.priceCents, billing.plan.currency)} per {billing.plan.interval}{" "}
              <StatusBadge status={billing.subscription.status} className="ml-1" />
              <span className="mt-1 block text-xs text-slate-500">
                Current period ends {formatDay(billing.subscription.currentPeriodEnd, zone)}
              </span>
              <span className="mt-2 block text-xs text-slate-600">{billing.plan.leadPricingRule}</span>
            </p>
          ) : (
            <p className="text-sm text-slate-500">No plan yet — contact your account manager to choose one.</p>
          )}
        </Card>
        <Card title="Credit">
          <p className="text-sm">
            {billing.openCreditCents > 0
              ? `${formatCents(billing.openCreditCents, billing.currency)} of credit will be applied to your next invoice.`
              : "No credit waiting for your next invoice."}
          </p>
          {billing.appliedCreditCents > 0 ? (
            <p className="mt-1 text-xs text-slate-500">
              {formatCents(billing.appliedCreditCents, billing.currency)} of credit already used on earlier invoices.
            </p>
          ) : null}
        </Card>
        <CardOnFileCard tenantId={tenant.id} slug={slug} actor={actor} />
        <CouponCard slug={slug} upcoming={upcoming} canApply={tenantRoleAtLeast(actor.role, "owner")} zone={zone} />
      </div>
      {billing.invoices.length === 0 ? (
        <EmptyState
          icon={<Receipt />}
          title="No invoices yet"
          description="Your first invoice appears here at the end of your first billing period."
        />
      ) : (
        <div className="space-y-6">
          {billing.invoices.map((invoice) => (
            <Card
              key={invoice.id}
              title={`Invoice ${invoice.number}`}
              description={`${formatDay(invoice.periodStart, zone)} – ${formatDay(invoice.periodEnd, zone)} · due ${formatDay(invoice.dueAt, zone)}`}
              actions={
                <>
                  <StatusBadge status={invoice.status} />
                  <PayNow tenantId={tenant.id} slug={slug} actor={actor} invoice={invoice} />
                  <ButtonLink href={`/t/${slug}/billing/${invoice.id}`} size="sm">
                    View / print
                  </ButtonLink>
                </>
              }
            >
              <InvoiceLines
                invoice={invoice}
                lines={invoice.lines}
                leadPricingRule={
                  invoice.lines.some((line) => line.kind === "lead") ? billing.plan?.leadPricingRule : null
                }
              />
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
