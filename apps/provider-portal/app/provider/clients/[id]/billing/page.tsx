import { staffCan } from "@pp/core/auth/permissions";
import { isAppError } from "@pp/core/errors";
import { CANCEL_REASONS } from "@pp/core/subscriptions/cancel-subscription";
import { getSubscriptionBilling } from "@pp/core/subscriptions/get-subscription-billing";
import { StatusBadge, statusLabel } from "@pp/ui/badge";
import { Card } from "@pp/ui/card";
import { EmptyState } from "@pp/ui/empty-state";
import { formatCents, formatDate } from "@pp/ui/format";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { cache } from "react";
import { permissionFor } from "@/lib/navigation";
import { requireStaff } from "@/lib/session";
import { ClientCardOnFile } from "./card-on-file";
import { SubscriptionActions } from "./subscription-actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

const loadBilling = cache(async (tenantId: string) => {
  try {
    return await getSubscriptionBilling({ tenantId });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requireStaff(permissionFor("/provider/billing"));
  const { id } = await params;
  return { title: `${(await loadBilling(id)).tenant.name} · Billing` };
}

/** Client 360 › Billing: the subscription, what is scheduled for it, its MRR history, and the actions that change it. */
export default async function ClientBillingPage({ params }: Props) {
  const staff = await requireStaff(permissionFor("/provider/billing"));
  const { id } = await params;
  const billing = await loadBilling(id);
  const { tenant, subscription } = billing;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card title="Subscription" description="The latest subscription, current or ended.">
        {subscription ? (
          <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm">
            <Detail label="Plan">
              <span data-testid="billing-plan">
                {subscription.planName}
                {subscription.quantity > 1 ? ` × ${subscription.quantity}` : ""}
              </span>
            </Detail>
            <Detail label="Status">
              <StatusBadge status={subscription.status} />
            </Detail>
            <Detail label="MRR">
              <span data-testid="billing-mrr">{formatCents(subscription.mrrCents, subscription.currency)}</span>
            </Detail>
            <Detail label="Current period">
              {formatDate(subscription.currentPeriodStart)} – {formatDate(subscription.currentPeriodEnd)}
            </Detail>
            <Detail label="Coupon">
              {subscription.coupon ? `${subscription.coupon.name} (${subscription.coupon.code})` : "None"}
            </Detail>
            <Detail label="Trial ends">{subscription.trialEnd ? formatDate(subscription.trialEnd) : "No trial"}</Detail>
          </dl>
        ) : (
          <EmptyState
            className="border-0 py-6"
            title="No subscription yet"
            description="Start one below: choose a plan, a quantity and, if the client wants to try first, a trial."
          />
        )}
        {billing.scheduled.length > 0 || billing.prorations.length > 0 ? (
          <ul className="mt-4 space-y-2 border-t border-line pt-3 text-sm">
            {billing.scheduled.map((change) => (
              <li key={change.id} className="text-warn-800">
                {change.kind === "cancel"
                  ? `Cancels on ${formatDate(change.effectiveAt)}${change.reason ? ` (${statusLabel(change.reason)})` : ""}`
                  : `Changes to ${change.toPlan ?? "another plan"}${change.toQuantity && change.toQuantity > 1 ? ` × ${change.toQuantity}` : ""} on ${formatDate(change.effectiveAt)}`}
              </li>
            ))}
            {billing.prorations.map((proration) => (
              <li key={proration.id} className="text-slate-600">
                Next invoice: {proration.description} · {formatCents(proration.amountCents)}
              </li>
            ))}
          </ul>
        ) : null}
      </Card>
      <Card
        title="Change the subscription"
        description="Every change is audited, emailed to the client and recorded in the MRR ledger."
      >
        <SubscriptionActions
          tenantId={tenant.id}
          subscription={
            subscription
              ? {
                  id: subscription.id,
                  status: subscription.status,
                  planId: subscription.planId,
                  quantity: subscription.quantity,
                  cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
                }
              : null
          }
          plans={billing.availablePlans}
          cancelReasons={CANCEL_REASONS.map((value) => ({ value, label: statusLabel(value) }))}
          canWrite={staffCan(staff.role, "billing:write")}
        />
      </Card>
      <ClientCardOnFile tenantId={tenant.id} />
      <Card
        className="lg:col-span-2"
        title="MRR history"
        description="This client's movements in the MRR ledger, newest first."
        bodyClassName={billing.history.length > 0 ? "p-0" : undefined}
      >
        {billing.history.length === 0 ? (
          <EmptyState
            className="border-0 py-6"
            title="No MRR movements yet"
            description="A paid subscription start, upgrade, downgrade, cancellation or reactivation appears here."
          />
        ) : (
          <table className="w-full text-sm" aria-label="MRR history">
            <thead className="bg-slate-50 text-left text-xs text-slate-500 uppercase">
              <tr>
                <th className="px-5 py-2 font-medium">Effective</th>
                <th className="px-5 py-2 font-medium">Movement</th>
                <th className="px-5 py-2 font-medium">Plan</th>
                <th className="px-5 py-2 text-right font-medium">MRR before</th>
                <th className="px-5 py-2 text-right font-medium">MRR after</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {billing.history.map((event) => (
                <tr key={event.id}>
                  <td className="px-5 py-2 text-slate-600">{formatDate(event.effectiveAt)}</td>
                  <td className="px-5 py-2">
                    <StatusBadge status={event.type} />
                  </td>
                  <td className="px-5 py-2 text-slate-600">
                    {event.fromPlan && event.toPlan
                      ? `${event.fromPlan} → ${event.toPlan}`
                      : (event.toPlan ?? event.fromPlan ?? "—")}
                  </td>
                  <td className="px-5 py-2 text-right tabular-nums">{formatCents(event.mrrBeforeCents)}</td>
                  <td className="px-5 py-2 text-right tabular-nums">{formatCents(event.mrrAfterCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 font-medium text-slate-900">{children}</dd>
    </div>
  );
}
