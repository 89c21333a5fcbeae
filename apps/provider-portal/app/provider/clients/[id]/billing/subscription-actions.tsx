"use client";

import { useApiForm } from "@pp/ui/api-form";
import { Button } from "@pp/ui/button";
import { Field, Input, Select } from "@pp/ui/field";
import { formatCents } from "@pp/ui/format";
import type { FormEvent } from "react";

export type PlanOption = { id: string; name: string; priceCents: number; interval: string; currency: string };
export type CancelReason = { value: string; label: string };

type Props = {
  tenantId: string;
  subscription: {
    id: string;
    status: string;
    planId: string;
    quantity: number;
    cancelAtPeriodEnd: boolean;
  } | null;
  plans: readonly PlanOption[];
  cancelReasons: readonly CancelReason[];
  canWrite: boolean;
};

function planLabel(plan: PlanOption) {
  return `${plan.name} — ${formatCents(plan.priceCents, plan.currency)}/${plan.interval === "year" ? "year" : "month"}`;
}

/** The Billing tab's actions: start, change plan or quantity, cancel, reactivate, convert a trial. */
export function SubscriptionActions({ tenantId, subscription, plans, cancelReasons, canWrite }: Props) {
  // One hook per form, so each shows only its own fields' messages; the buttons share one.
  const options = { idempotent: true, refresh: true, fieldErrorsToast: true } as const;
  const start = useApiForm({ ...options, url: "/api/provider/subscriptions", success: "Subscription started" });
  const change = useApiForm({ ...options, success: "Plan changed" });
  const cancel = useApiForm({ ...options, success: "Subscription canceled" });
  const status = useApiForm(options);
  const subscriptionUrl = `/api/provider/subscriptions/${subscription?.id}`;

  if (!canWrite) {
    return <p className="text-sm text-slate-500">Your role can view billing but not change subscriptions.</p>;
  }

  const statusChange = (action: "reactivate" | "convert", success: string) =>
    void status.submit(undefined, { url: `${subscriptionUrl}/${action}`, key: action, success });
  const ended = !subscription || subscription.status === "canceled" || subscription.status === "expired";
  const onStart = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const trialDays = String(form.get("trialDays") ?? "").trim();
    void start.submit({
      tenantId,
      planId: form.get("planId"),
      quantity: form.get("quantity"),
      ...(trialDays ? { trialDays } : {}),
    });
  };
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!subscription) return;
    const form = new FormData(event.currentTarget);
    const when = String(form.get("when") ?? "");
    void change.submit(
      { planId: form.get("planId"), quantity: form.get("quantity"), ...(when ? { when } : {}) },
      { url: `${subscriptionUrl}/change` },
    );
  };
  const onCancel = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!subscription) return;
    const form = new FormData(event.currentTarget);
    void cancel.submit(
      { when: form.get("when"), reasonCode: form.get("reasonCode"), note: String(form.get("note") ?? "") || undefined },
      { url: `${subscriptionUrl}/cancel` },
    );
  };

  return (
    <div className="space-y-6">
      {ended ? (
        <>
          {subscription ? (
            <div className="flex items-center justify-between gap-4 rounded-md border border-line p-3">
              <p className="text-sm text-slate-600">Bring the canceled subscription back on its plan, from today.</p>
              <Button
                pending={status.pendingKey === "reactivate"}
                onClick={() => statusChange("reactivate", "Subscription reactivated")}
              >
                Reactivate
              </Button>
            </div>
          ) : null}
          <form onSubmit={onStart} className="grid gap-3 sm:grid-cols-3" aria-label="Start a subscription">
            <Field label="Plan" htmlFor="start-plan" error={start.errors.planId}>
              <Select id="start-plan" name="planId" defaultValue={plans[0]?.id}>
                {plans.map((plan) => (
                  <option key={plan.id} value={plan.id}>
                    {planLabel(plan)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Quantity" htmlFor="start-quantity" error={start.errors.quantity}>
              <Input id="start-quantity" name="quantity" type="number" min={1} defaultValue={1} />
            </Field>
            <Field
              label="Trial days"
              htmlFor="start-trial"
              hint="Empty: paying from today"
              error={start.errors.trialDays}
            >
              <Input id="start-trial" name="trialDays" type="number" min={1} max={90} />
            </Field>
            <div className="flex justify-end sm:col-span-full">
              <Button type="submit" pending={start.pending}>
                Start subscription
              </Button>
            </div>
          </form>
        </>
      ) : (
        <>
          {subscription?.status === "trialing" ? (
            <div className="flex items-center justify-between gap-4 rounded-md border border-line p-3">
              <p className="text-sm text-slate-600">Convert the trial: the first paid period starts today.</p>
              <Button
                pending={status.pendingKey === "convert"}
                onClick={() => statusChange("convert", "Trial converted")}
              >
                Convert to paid
              </Button>
            </div>
          ) : null}
          {subscription?.cancelAtPeriodEnd ? (
            <div className="flex items-center justify-between gap-4 rounded-md border border-warn-200 bg-warn-50 p-3">
              <p className="text-sm text-warn-800">This subscription ends at the period end.</p>
              <Button
                pending={status.pendingKey === "reactivate"}
                onClick={() => statusChange("reactivate", "Cancellation withdrawn")}
              >
                Keep subscription
              </Button>
            </div>
          ) : null}
          <form onSubmit={onChange} className="grid gap-3 sm:grid-cols-[2fr_1fr_1.5fr]" aria-label="Change plan">
            <Field label="New plan" htmlFor="change-plan" error={change.errors.planId}>
              <Select id="change-plan" name="planId" defaultValue={subscription?.planId}>
                {plans.map((plan) => (
                  <option key={plan.id} value={plan.id}>
                    {planLabel(plan)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Quantity" htmlFor="change-quantity" error={change.errors.quantity}>
              <Input
                id="change-quantity"
                name="quantity"
                type="number"
                min={1}
                defaultValue={subscription?.quantity ?? 1}
              />
            </Field>
            <Field
              label="Takes effect"
              htmlFor="change-when"
              hint="Upgrades: now, prorated. Downgrades: period end."
              error={change.errors.when}
            >
              <Select id="change-when" name="when" defaultValue="">
                <option value="">Default for the change</option>
                <option value="now">Now</option>
                <option value="period_end">At period end</option>
              </Select>
            </Field>
            <div className="flex justify-end sm:col-span-full">
              <Button type="submit" pending={change.pending}>
                Change plan
              </Button>
            </div>
          </form>
          <form
            onSubmit={onCancel}
            className="grid gap-3 border-t border-line pt-4 sm:grid-cols-4"
            aria-label="Cancel subscription"
          >
            <Field label="Reason" htmlFor="cancel-reason" error={cancel.errors.reasonCode}>
              <Select id="cancel-reason" name="reasonCode" defaultValue="">
                <option value="" disabled>
                  Choose a reason
                </option>
                {cancelReasons.map((reason) => (
                  <option key={reason.value} value={reason.value}>
                    {reason.label}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="When" htmlFor="cancel-when" error={cancel.errors.when}>
              <Select id="cancel-when" name="when" defaultValue="period_end">
                <option value="period_end">At period end</option>
                <option value="now">Now (bills the days used)</option>
              </Select>
            </Field>
            <Field label="Note" htmlFor="cancel-note" error={cancel.errors.note}>
              <Input id="cancel-note" name="note" maxLength={500} />
            </Field>
            <div className="flex justify-end sm:col-span-full">
              <Button type="submit" variant="danger" pending={cancel.pending}>
                Cancel subscription
              </Button>
            </div>
          </form>
        </>
      )}
    </div>
  );
}
