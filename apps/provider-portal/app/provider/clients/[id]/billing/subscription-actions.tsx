"use client";

import { callApi, describeFailure } from "@pp/ui/api-client";
import { Button } from "@pp/ui/button";
import { Field, Input, Select } from "@pp/ui/field";
import { formatCents } from "@pp/ui/format";
import { toast } from "@pp/ui/toaster";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";

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
  const router = useRouter();
  const [pending, setPending] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function run(key: string, url: string, body: unknown, done: string) {
    setPending(key);
    setErrors({});
    try {
      await callApi(url, { method: "POST", body, idempotencyKey: crypto.randomUUID() });
      toast.success(done);
      router.refresh();
    } catch (error) {
      if (error && typeof error === "object" && "fieldErrors" in error)
        setErrors(error.fieldErrors as Record<string, string>);
      toast.error(describeFailure(error));
    } finally {
      setPending(null);
    }
  }

  if (!canWrite) {
    return <p className="text-sm text-slate-500">Your role can view billing but not change subscriptions.</p>;
  }

  const ended = !subscription || subscription.status === "canceled" || subscription.status === "expired";
  const onStart = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const trialDays = String(form.get("trialDays") ?? "").trim();
    void run(
      "start",
      "/api/provider/subscriptions",
      { tenantId, planId: form.get("planId"), quantity: form.get("quantity"), ...(trialDays ? { trialDays } : {}) },
      "Subscription started",
    );
  };
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!subscription) return;
    const form = new FormData(event.currentTarget);
    const when = String(form.get("when") ?? "");
    void run(
      "change",
      `/api/provider/subscriptions/${subscription.id}/change`,
      { planId: form.get("planId"), quantity: form.get("quantity"), ...(when ? { when } : {}) },
      "Plan changed",
    );
  };
  const onCancel = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!subscription) return;
    const form = new FormData(event.currentTarget);
    void run(
      "cancel",
      `/api/provider/subscriptions/${subscription.id}/cancel`,
      { when: form.get("when"), reasonCode: form.get("reasonCode"), note: String(form.get("note") ?? "") || undefined },
      "Subscription canceled",
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
                pending={pending === "reactivate"}
                onClick={() =>
                  run(
                    "reactivate",
                    `/api/provider/subscriptions/${subscription.id}/reactivate`,
                    undefined,
                    "Subscription reactivated",
                  )
                }
              >
                Reactivate
              </Button>
            </div>
          ) : null}
          <form onSubmit={onStart} className="grid gap-3 sm:grid-cols-3" aria-label="Start a subscription">
            <Field label="Plan" htmlFor="start-plan" error={errors.planId}>
              <Select id="start-plan" name="planId" defaultValue={plans[0]?.id}>
                {plans.map((plan) => (
                  <option key={plan.id} value={plan.id}>
                    {planLabel(plan)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Quantity" htmlFor="start-quantity" error={errors.quantity}>
              <Input id="start-quantity" name="quantity" type="number" min={1} defaultValue={1} />
            </Field>
            <Field label="Trial days" htmlFor="start-trial" hint="Empty: paying from today" error={errors.trialDays}>
              <Input id="start-trial" name="trialDays" type="number" min={1} max={90} />
            </Field>
            <div className="flex justify-end sm:col-span-full">
              <Button type="submit" pending={pending === "start"}>
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
                pending={pending === "convert"}
                onClick={() =>
                  run("convert", `/api/provider/subscriptions/${subscription.id}/convert`, undefined, "Trial converted")
                }
              >
                Convert to paid
              </Button>
            </div>
          ) : null}
          {subscription?.cancelAtPeriodEnd ? (
            <div className="flex items-center justify-between gap-4 rounded-md border border-warn-200 bg-warn-50 p-3">
              <p className="text-sm text-warn-800">This subscription ends at the period end.</p>
              <Button
                pending={pending === "reactivate"}
                onClick={() =>
                  run(
                    "reactivate",
                    `/api/provider/subscriptions/${subscription.id}/reactivate`,
                    undefined,
                    "Cancellation withdrawn",
                  )
                }
              >
                Keep subscription
              </Button>
            </div>
          ) : null}
          <form onSubmit={onChange} className="grid gap-3 sm:grid-cols-[2fr_1fr_1.5fr]" aria-label="Change plan">
            <Field label="New plan" htmlFor="change-plan" error={errors.planId}>
              <Select id="change-plan" name="planId" defaultValue={subscription?.planId}>
                {plans.map((plan) => (
                  <option key={plan.id} value={plan.id}>
                    {planLabel(plan)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Quantity" htmlFor="change-quantity" error={errors.quantity}>
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
              error={errors.when}
            >
              <Select id="change-when" name="when" defaultValue="">
                <option value="">Default for the change</option>
                <option value="now">Now</option>
                <option value="period_end">At period end</option>
              </Select>
            </Field>
            <div className="flex justify-end sm:col-span-full">
              <Button type="submit" pending={pending === "change"}>
                Change plan
              </Button>
            </div>
          </form>
          <form
            onSubmit={onCancel}
            className="grid gap-3 border-t border-line pt-4 sm:grid-cols-4"
            aria-label="Cancel subscription"
          >
            <Field label="Reason" htmlFor="cancel-reason" error={errors.reasonCode}>
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
            <Field label="When" htmlFor="cancel-when" error={errors.when}>
              <Select id="cancel-when" name="when" defaultValue="period_end">
                <option value="period_end">At period end</option>
                <option value="now">Now (bills the days used)</option>
              </Select>
            </Field>
            <Field label="Note" htmlFor="cancel-note" error={errors.note}>
              <Input id="cancel-note" name="note" maxLength={500} />
            </Field>
            <div className="flex justify-end sm:col-span-full">
              <Button type="submit" variant="danger" pending={pending === "cancel"}>
                Cancel subscription
              </Button>
            </div>
          </form>
        </>
      )}
    </div>
  );
}
