"use client";

import { Field, Input, Select, Textarea } from "@pp/ui/field";
import { centsOf, dollarsOf } from "@pp/ui/format";
import { PricingFormDialog } from "./pricing-form-dialog";
import { wholeOf } from "./pricing-input";

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
  const editing = plan !== undefined;
  const locked = plan?.billingTermsLocked ?? false;
  const id = (key: string) => `${editing ? `plan-${plan.id}` : "plan-new"}-${key}`;
  return (
    <PricingFormDialog<Draft, PlanRow>
      noun="plan"
      editing={editing ? { label: plan.name } : undefined}
      title={editing ? `Edit plan ${plan.name}` : "New plan"}
      description={
        locked
          ? `${plan?.activeSubscriptions} active subscription(s): price, interval, included leads and price per lead are locked. To re-price, create a new plan and archive this one.`
          : "Prices in dollars; the plan code is permanent."
      }
      initialDraft={() => draftOf(plan)}
      url={editing ? `/api/provider/pricing/plans/${plan.id}` : "/api/provider/pricing/plans"}
      body={(draft) => ({
        ...(editing ? {} : { code: draft.code }),
        name: draft.name,
        ...(locked
          ? {}
          : {
              priceCents: centsOf(draft.price),
              interval: draft.interval,
              includedLeads: wholeOf(draft.includedLeads),
              pricePerLeadCents: centsOf(draft.pricePerLead),
            }),
        apiRateLimitPerMinute: wholeOf(draft.apiRateLimitPerMinute),
        features: draft.features
          .split(/[\n,]/)
          .map((feature) => feature.trim())
          .filter(Boolean),
      })}
      success={(saved) => (editing ? `Plan ${saved.name} saved` : `Plan ${saved.name} created`)}
      fields={({ draft, set, errors }) => (
        <>
          <Field label="Code" htmlFor={id("code")} error={errors.code} hint="Like pro-2027; cannot change later">
            <Input value={draft.code} onChange={set("code")} disabled={editing} autoComplete="off" />
          </Field>
          <Field label="Name" htmlFor={id("name")} error={errors.name}>
            <Input value={draft.name} onChange={set("name")} autoComplete="off" />
          </Field>
          <Field label="Price (USD)" htmlFor={id("priceCents")} error={errors.priceCents}>
            <Input inputMode="decimal" value={draft.price} onChange={set("price")} disabled={locked} />
          </Field>
          <Field label="Billing interval" htmlFor={id("interval")} error={errors.interval}>
            <Select value={draft.interval} onChange={set("interval")} disabled={locked}>
              <option value="month">Monthly</option>
              <option value="year">Yearly</option>
            </Select>
          </Field>
          <Field label="Included leads per period" htmlFor={id("includedLeads")} error={errors.includedLeads}>
            <Input inputMode="numeric" value={draft.includedLeads} onChange={set("includedLeads")} disabled={locked} />
          </Field>
          <Field label="Price per extra lead (USD)" htmlFor={id("pricePerLeadCents")} error={errors.pricePerLeadCents}>
            <Input inputMode="decimal" value={draft.pricePerLead} onChange={set("pricePerLead")} disabled={locked} />
          </Field>
          <Field
            label="API rate limit (requests per minute)"
            htmlFor={id("apiRateLimitPerMinute")}
            error={errors.apiRateLimitPerMinute}
          >
            <Input inputMode="numeric" value={draft.apiRateLimitPerMinute} onChange={set("apiRateLimitPerMinute")} />
          </Field>
          <Field
            label="Features"
            htmlFor={id("features")}
            error={errors.features}
            hint="One per line, e.g. lead_inbox"
            className="sm:col-span-2"
          >
            <Textarea rows={4} value={draft.features} onChange={set("features")} />
          </Field>
        </>
      )}
    />
  );
}
