import { staffCan } from "@pp/core/auth/permissions";
import { type CouponView, listCoupons } from "@pp/core/pricing/list-coupons";
import { listPlans, type PlanView, ZPricingFilters } from "@pp/core/pricing/list-plans";
import { Badge, type BadgeTone } from "@pp/ui/badge";
import { ButtonLink } from "@pp/ui/button";
import { type Column, DataTable } from "@pp/ui/data-table";
import { EmptyState } from "@pp/ui/empty-state";
import { FilterBar } from "@pp/ui/filter-bar";
import { formatCents, formatCount, formatDate } from "@pp/ui/format";
import { PageHeader } from "@pp/ui/page-header";
import { Tabs } from "@pp/ui/tabs";
import { firstParam, hrefWith, type UrlParams } from "@pp/ui/url";
import { Layers, SearchX, TicketPercent } from "lucide-react";
import type { Metadata } from "next";
import { permissionFor } from "@/lib/navigation";
import { parsePageParams } from "@/lib/query-params";
import { requireStaff } from "@/lib/session";
import { ArchiveButton } from "./archive-button";
import { CouponFormButton, type CouponRow } from "./coupon-form";
import { PlanFormButton, type PlanRow } from "./plan-form";

export const metadata: Metadata = { title: "Pricing & Offers" };
export const dynamic = "force-dynamic";

const PATH = "/provider/pricing";

function planRow(plan: PlanView): PlanRow {
  return {
    id: plan.id,
    code: plan.code,
    name: plan.name,
    priceCents: plan.priceCents,
    currency: plan.currency,
    interval: plan.interval,
    includedLeads: plan.includedLeads,
    pricePerLeadCents: plan.pricePerLeadCents,
    apiRateLimitPerMinute: plan.apiRateLimitPerMinute,
    features: plan.features,
    activeSubscriptions: plan.activeSubscriptions,
    billingTermsLocked: plan.billingTermsLocked,
  };
}

function couponRow(coupon: CouponView): CouponRow {
  return {
    id: coupon.id,
    code: coupon.code,
    name: coupon.name,
    percentOff: coupon.percentOff,
    amountOffCents: coupon.amountOffCents,
    currency: coupon.currency,
    duration: coupon.duration,
    durationInMonths: coupon.durationInMonths,
    maxRedemptions: coupon.maxRedemptions,
    expiresAt: coupon.expiresAt?.toISOString() ?? null,
    redemptions: coupon.redemptions,
  };
}

const nameCell = (row: { code: string; name: string }) => (
  <div className="min-w-0">
    <div className="font-medium text-slate-900">{row.name}</div>
    <div className="font-mono text-xs text-slate-500">{row.code}</div>
  </div>
);

function planColumns(canWrite: boolean): Column<PlanView>[] {
  const columns: Column<PlanView>[] = [
    { key: "plan", header: "Plan", cell: nameCell },
    {
      key: "price",
      header: "Price",
      align: "right",
      cell: (plan) => (
        <span className="whitespace-nowrap">
          {formatCents(plan.priceCents, plan.currency)}
          <span className="text-slate-500"> / {plan.interval}</span>
        </span>
      ),
    },
    {
      key: "leads",
      header: "Leads",
      cell: (plan) => (
        <div className="leading-tight" title={plan.leadPricingRule}>
          <div className="whitespace-nowrap">{formatCount(plan.includedLeads)} included per period</div>
          <div className="text-xs text-slate-500">
            then each lead at its category's price,
            <br />
            {formatCents(plan.pricePerLeadCents, plan.currency)} for a category without one
          </div>
        </div>
      ),
    },
    {
      key: "rateLimit",
      header: "API limit",
      align: "right",
      cell: (plan) => <span className="whitespace-nowrap">{formatCount(plan.apiRateLimitPerMinute)}/min</span>,
    },
    {
      key: "features",
      header: "Features",
      cell: (plan) =>
        plan.features.length === 0 ? (
          <span className="text-slate-400">None</span>
        ) : (
          <span className="line-clamp-2 max-w-48 text-xs text-slate-600" title={plan.features.join(", ")}>
            {plan.features.join(", ")}
          </span>
        ),
    },
    {
      key: "subscriptions",
      header: "Subscribers",
      align: "right",
      cell: (plan) => formatCount(plan.activeSubscriptions),
    },
    {
      key: "status",
      header: "Status",
      cell: (plan) =>
        plan.archivedAt ? (
          <span className="flex flex-col items-start gap-0.5">
            <Badge tone="neutral">Archived</Badge>
            <span className="text-xs whitespace-nowrap text-slate-500">{formatDate(plan.archivedAt)}</span>
          </span>
        ) : (
          <Badge tone="success">Offered</Badge>
        ),
    },
  ];
  if (!canWrite) return columns;
  return [
    ...columns,
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "right",
      cell: (plan) =>
        plan.archivedAt ? null : (
          <span className="flex justify-end gap-1.5">
            <PlanFormButton plan={planRow(plan)} />
            <ArchiveButton
              kind="plan"
              id={plan.id}
              label={plan.name}
              consequence={`New subscriptions can no longer choose ${plan.name}. ${
                plan.activeSubscriptions > 0
                  ? `Its ${plan.activeSubscriptions} active subscription(s) keep running and billing on its terms.`
                  : "No subscription uses it now."
              } It stays listed as archived.`}
            />
          </span>
        ),
    },
  ];
}

const COUPON_STATES: Record<CouponView["state"], { label: string; tone: BadgeTone }> = {
  redeemable: { label: "Redeemable", tone: "success" },
  expired: { label: "Expired", tone: "neutral" },
  used_up: { label: "Limit reached", tone: "warn" },
  archived: { label: "Archived", tone: "neutral" },
};

function discountOf(coupon: CouponView): string {
  return coupon.percentOff !== null
    ? `${coupon.percentOff}% off`
    : `${formatCents(coupon.amountOffCents ?? 0, coupon.currency)} off`;
}

function durationOf(coupon: CouponView): string {
  if (coupon.duration === "repeating")
    return `${coupon.durationInMonths} month${coupon.durationInMonths === 1 ? "" : "s"}`;
  return coupon.duration === "once" ? "Once" : "Forever";
}

function couponColumns(canWrite: boolean): Column<CouponView>[] {
  const columns: Column<CouponView>[] = [
    { key: "coupon", header: "Coupon", cell: nameCell },
    {
      key: "discount",
      header: "Discount",
      cell: (coupon) => <span className="whitespace-nowrap">{discountOf(coupon)}</span>,
    },
    { key: "duration", header: "Duration", cell: durationOf },
    {
      key: "redemptions",
      header: "Redemptions",
      align: "right",
      cell: (coupon) =>
        coupon.maxRedemptions === null
          ? formatCount(coupon.redemptions)
          : `${formatCount(coupon.redemptions)} of ${formatCount(coupon.maxRedemptions)}`,
    },
    {
      key: "expires",
      header: "Expires",
      cell: (coupon) =>
        coupon.expiresAt ? formatDate(coupon.expiresAt) : <span className="text-slate-400">Never</span>,
    },
    {
      key: "status",
      header: "Status",
      cell: (coupon) => <Badge tone={COUPON_STATES[coupon.state].tone}>{COUPON_STATES[coupon.state].label}</Badge>,
    },
  ];
  if (!canWrite) return columns;
  return [
    ...columns,
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "right",
      cell: (coupon) =>
        coupon.archivedAt ? null : (
          <span className="flex justify-end gap-1.5">
            <CouponFormButton coupon={couponRow(coupon)} />
            <ArchiveButton
              kind="coupon"
              id={coupon.id}
              label={coupon.code}
              consequence={`${coupon.code} can no longer be applied to a subscription. ${
                coupon.redemptions > 0
                  ? `The ${coupon.redemptions} subscription(s) that already carry it keep their discount for its duration.`
                  : "No subscription carries it yet."
              } It stays listed as archived.`}
            />
          </span>
        ),
    },
  ];
}

export default async function PricingPage({ searchParams }: { searchParams: Promise<UrlParams> }) {
  const actor = await requireStaff(permissionFor(PATH));
  const canWrite = staffCan(actor.role, "pricing:write");
  const params = await searchParams;
  const tab = firstParam(params, "tab") === "coupons" ? "coupons" : "plans";
  const query = parsePageParams(ZPricingFilters, params);
  const filtering = query.status !== undefined;
  const [plans, coupons] = await Promise.all([listPlans(query), listCoupons(query)]);
  const tabs = [
    { key: "plans", label: "Plans", href: hrefWith(PATH, params, { tab: null }) },
    { key: "coupons", label: "Coupons", href: hrefWith(PATH, params, { tab: "coupons" }) },
  ];
  const clearFilters = (
    <ButtonLink href={hrefWith(PATH, {}, { tab: tab === "coupons" ? "coupons" : null })}>Show all</ButtonLink>
  );

  return (
    <>
      <PageHeader
        title="Pricing & Offers"
        description="Plans clients subscribe to and the coupons that discount them. Archived ones stay listed for their subscribers."
        actions={canWrite ? tab === "plans" ? <PlanFormButton /> : <CouponFormButton /> : null}
      />
      <Tabs items={tabs} current={tab} label="Pricing views" />
      <FilterBar
        pathname={PATH}
        params={params}
        keep={["tab"]}
        fields={[
          {
            kind: "select",
            name: "status",
            label: "Status",
            options: [
              { value: "current", label: tab === "plans" ? "Offered" : "Current" },
              { value: "archived", label: "Archived" },
            ],
          },
        ]}
      />
      {tab === "plans" ? (
        <DataTable
          caption="Plans"
          columns={planColumns(canWrite)}
          rows={plans.data}
          rowKey={(plan) => plan.id}
          empty={
            filtering ? (
              <EmptyState icon={<SearchX />} title="No plans match this filter" action={clearFilters} />
            ) : (
              <EmptyState
                icon={<Layers />}
                title="No plans yet"
                description={
                  canWrite
                    ? "Create the first plan: its price, billing interval, included leads and API limit."
                    : "Staff with pricing access create plans here."
                }
                action={canWrite ? <PlanFormButton /> : undefined}
              />
            )
          }
        />
      ) : (
        <DataTable
          caption="Coupons"
          columns={couponColumns(canWrite)}
          rows={coupons.data}
          rowKey={(coupon) => coupon.id}
          empty={
            filtering ? (
              <EmptyState icon={<SearchX />} title="No coupons match this filter" action={clearFilters} />
            ) : (
              <EmptyState
                icon={<TicketPercent />}
                title="No coupons yet"
                description={
                  canWrite
                    ? "Create a coupon to offer a percentage or an amount off a subscription."
                    : "Staff with pricing access create coupons here."
                }
                action={canWrite ? <CouponFormButton /> : undefined}
              />
            )
          }
        />
      )}
    </>
  );
}
