"use client";

import { callApi, type FieldErrors } from "@pp/ui/api-client";
import { Button } from "@pp/ui/button";
import { Dialog } from "@pp/ui/dialog";
import { Field, Input, Select, Textarea } from "@pp/ui/field";
import { centsOf, dollarsOf } from "@pp/ui/format";
import { toast } from "@pp/ui/toaster";
import { Pencil, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { showFailure, wholeOf } from "./pricing-input";

/** A plan as the page hands it to the browser (plain values only). */
export type PlanRow = {
  id: string;
  code: string;
  name: string;
  priceCents: number;
  currency: string;
  interval: "month" | "year";
  includedLeads: number;
  pricePerLeadCents: number;
  apiRateLimitPerMinute: number;
  features: string[];
  activeSubscriptions: number;
  billingTermsLocked: boolean;
};

type Draft = {
  code: string;
  name: string;
  price: string;
  interval: "month" | "year";
  includedLeads: string;
  pricePerLead: string;
  apiRateLimitPerMinute: string;
  features: string;
};

function draftOf(plan: PlanRow | undefined): Draft {
  return {
    code: plan?.code ?? "",
    name: plan?.name ?? "",
    price: dollarsOf(plan?.priceCents),
    interval: plan?.interval ?? "month",
    includedLeads: plan ? String(plan.includedLeads) : "0",
    pricePerLead: plan ? dollarsOf(plan.pricePerLeadCents) : "0.00",
    apiRateLimitPerMinute: plan ? String(plan.apiRateLimitPerMinute) : "60",
    features: plan?.features.join("\n") ?? "",
  };
}

/** "New plan" (no `plan`) or "Edit" on a row: the form in a modal; the server validates and names fields. */
export function PlanFormButton({ plan }: { plan?: PlanRow }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft>(() => draftOf(plan));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const editing = plan !== undefined;
  const locked = plan?.billingTermsLocked ?? false;
  const idPrefix = editing ? `plan-${plan.id}` : "plan-new";

  function openForm(next: boolean) {
    if (next) {
      setDraft(draftOf(plan));
      setErrors({});
    }
    setOpen(next);
  }

  const set = (key: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [key]: event.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setErrors({});
    const features = draft.features
      .split(/[\n,]/)
      .map((feature) => feature.trim())
      .filter(Boolean);
    const terms = locked
      ? {}
      : {
          priceCents: centsOf(draft.price),
          interval: draft.interval,
          includedLeads: wholeOf(draft.includedLeads),
          pricePerLeadCents: centsOf(draft.pricePerLead),
        };
    const body = {
      ...(editing ? {} : { code: draft.code }),
      name: draft.name,
      ...terms,
      apiRateLimitPerMinute: wholeOf(draft.apiRateLimitPerMinute),
      features,
    };
    try {
      const saved = editing
        ? await callApi<PlanRow>(`/api/provider/pricing/plans/${plan.id}`, { method: "PATCH", body })
        : await callApi<PlanRow>("/api/provider/pricing/plans", {
            method: "POST",
            body,
            idempotencyKey: crypto.randomUUID(),
          });
      toast.success(editing ? `Plan ${saved.name} saved` : `Plan ${saved.name} created`);
      setOpen(false);
      router.refresh();
    } catch (error) {
      showFailure(error, setErrors);
    } finally {
      setPending(false);
    }
  }

  const field = (key: string) => ({
    id: `${idPrefix}-${key}`,
    "aria-invalid": errors[key] ? true : undefined,
    "aria-describedby": errors[key] ? `${idPrefix}-${key}-error` : undefined,
  });

  return (
    <>
      {editing ? (
        <Button size="sm" variant="secondary" onClick={() => openForm(true)} aria-label={`Edit plan ${plan.name}`}>
          <Pencil aria-hidden className="size-3.5" />
          Edit
        </Button>
      ) : (
        <Button variant="primary" onClick={() => openForm(true)}>
          <Plus aria-hidden className="size-4" />
          New plan
        </Button>
      )}
      <Dialog
        size="lg"
        open={open}
        onOpenChange={openForm}
        title={editing ? `Edit plan ${plan.name}` : "New plan"}
        description={
          locked
            ? `${plan?.activeSubscriptions} active subscription(s): price, interval, included leads and price per lead are locked. To re-price, create a new plan and archive this one.`
            : "Prices in dollars; the plan code is permanent."
        }
      >
        <form onSubmit={submit} noValidate className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field
            label="Code"
            htmlFor={`${idPrefix}-code`}
            error={errors.code}
            hint="Like pro-2027; cannot change later"
          >
            <Input {...field("code")} value={draft.code} onChange={set("code")} disabled={editing} autoComplete="off" />
          </Field>
          <Field label="Name" htmlFor={`${idPrefix}-name`} error={errors.name}>
            <Input {...field("name")} value={draft.name} onChange={set("name")} autoComplete="off" />
          </Field>
          <Field label="Price (USD)" htmlFor={`${idPrefix}-priceCents`} error={errors.priceCents}>
            <Input
              {...field("priceCents")}
              inputMode="decimal"
              value={draft.price}
              onChange={set("price")}
              disabled={locked}
            />
          </Field>
          <Field label="Billing interval" htmlFor={`${idPrefix}-interval`} error={errors.interval}>
            <Select {...field("interval")} value={draft.interval} onChange={set("interval")} disabled={locked}>
              <option value="month">Monthly</option>
              <option value="year">Yearly</option>
            </Select>
          </Field>
          <Field label="Included leads per period" htmlFor={`${idPrefix}-includedLeads`} error={errors.includedLeads}>
            <Input
              {...field("includedLeads")}
              inputMode="numeric"
              value={draft.includedLeads}
              onChange={set("includedLeads")}
              disabled={locked}
            />
          </Field>
          <Field
            label="Price per extra lead (USD)"
            htmlFor={`${idPrefix}-pricePerLeadCents`}
            error={errors.pricePerLeadCents}
          >
            <Input
              {...field("pricePerLeadCents")}
              inputMode="decimal"
              value={draft.pricePerLead}
              onChange={set("pricePerLead")}
              disabled={locked}
            />
          </Field>
          <Field
            label="API rate limit (requests per minute)"
            htmlFor={`${idPrefix}-apiRateLimitPerMinute`}
            error={errors.apiRateLimitPerMinute}
          >
            <Input
              {...field("apiRateLimitPerMinute")}
              inputMode="numeric"
              value={draft.apiRateLimitPerMinute}
              onChange={set("apiRateLimitPerMinute")}
            />
          </Field>
          <Field
            label="Features"
            htmlFor={`${idPrefix}-features`}
            error={errors.features}
            hint="One per line, e.g. lead_inbox"
            className="sm:col-span-2"
          >
            <Textarea {...field("features")} rows={4} value={draft.features} onChange={set("features")} />
          </Field>
          <div className="flex justify-end gap-2 sm:col-span-2">
            <Button variant="ghost" onClick={() => openForm(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" pending={pending}>
              {editing ? "Save plan" : "Create plan"}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
