"use client";

import { Field, Input, Select } from "@pp/ui/field";
import { centsOf, dollarsOf } from "@pp/ui/format";
import { PricingFormDialog } from "./pricing-form-dialog";
import { wholeOf } from "./pricing-input";

/** A coupon as the page hands it to the browser (plain values only; dates as ISO strings). */
export type CouponRow = {
  id: string;
  code: string;
  name: string;
  percentOff: number | null;
  amountOffCents: number | null;
  currency: string;
  duration: "once" | "repeating" | "forever";
  durationInMonths: number | null;
  maxRedemptions: number | null;
  expiresAt: string | null;
  redemptions: number;
};

type Draft = {
  code: string;
  name: string;
  kind: "percent" | "amount";
  percentOff: string;
  amountOff: string;
  duration: "once" | "repeating" | "forever";
  durationInMonths: string;
  maxRedemptions: string;
  expiresOn: string;
};

function draftOf(coupon: CouponRow | undefined): Draft {
  return {
    code: coupon?.code ?? "",
    name: coupon?.name ?? "",
    kind: coupon?.amountOffCents ? "amount" : "percent",
    percentOff: coupon?.percentOff ? String(coupon.percentOff) : "",
    amountOff: dollarsOf(coupon?.amountOffCents),
    duration: coupon?.duration ?? "once",
    durationInMonths: coupon?.durationInMonths ? String(coupon.durationInMonths) : "",
    maxRedemptions: coupon?.maxRedemptions ? String(coupon.maxRedemptions) : "",
    expiresOn: coupon?.expiresAt ? coupon.expiresAt.slice(0, 10) : "",
  };
}

/** A date picked in the form means the end of that day, UTC. */
function expiryOf(day: string): string | null {
  return day ? `${day}T23:59:59.000Z` : null;
}

/**
 * "New coupon" (no `coupon`) or "Edit" on a row. Once created, a coupon's discount is fixed (its
 * subscriptions carry it); only its name, redemption limit and expiry can change.
 */
export function CouponFormButton({ coupon }: { coupon?: CouponRow }) {
  const editing = coupon !== undefined;
  const id = (key: string) => `${editing ? `coupon-${coupon.id}` : "coupon-new"}-${key}`;
  function body(draft: Draft) {
    // An unchanged expiry is not sent: editing the name of an expired coupon must not trip "in the future".
    const expiryChanged = !editing || draft.expiresOn !== draftOf(coupon).expiresOn;
    const limits = {
      name: draft.name,
      maxRedemptions: draft.maxRedemptions.trim() === "" ? null : wholeOf(draft.maxRedemptions),
      ...(expiryChanged ? { expiresAt: expiryOf(draft.expiresOn) } : {}),
    };
    if (editing) return limits;
    return {
      ...limits,
      code: draft.code,
      ...(draft.kind === "percent"
        ? { percentOff: wholeOf(draft.percentOff) }
        : { amountOffCents: centsOf(draft.amountOff) }),
      duration: draft.duration,
      ...(draft.duration === "repeating" ? { durationInMonths: wholeOf(draft.durationInMonths) } : {}),
    };
  }
  return (
    <PricingFormDialog<Draft, CouponRow>
      noun="coupon"
      editing={editing ? { label: coupon.code } : undefined}
      title={editing ? `Edit coupon ${coupon.code}` : "New coupon"}
      description={
        editing
          ? "The discount is fixed once created; name, redemption limit and expiry can change."
          : "A percentage or an amount off the subscription, once, for some months, or forever."
      }
      initialDraft={() => draftOf(coupon)}
      url={editing ? `/api/provider/pricing/coupons/${coupon.id}` : "/api/provider/pricing/coupons"}
      body={body}
      success={(saved) => (editing ? `Coupon ${saved.code} saved` : `Coupon ${saved.code} created`)}
      fields={({ draft, set, errors }) => (
        <>
          <Field label="Code" htmlFor={id("code")} error={errors.code} hint="Like SPRING25; what clients type">
            <Input value={draft.code} onChange={set("code")} disabled={editing} autoComplete="off" />
          </Field>
          <Field label="Name" htmlFor={id("name")} error={errors.name}>
            <Input value={draft.name} onChange={set("name")} autoComplete="off" />
          </Field>
          {editing ? null : (
            <>
              <Field label="Discount type" htmlFor={id("kind")}>
                <Select value={draft.kind} onChange={set("kind")}>
                  <option value="percent">Percent off</option>
                  <option value="amount">Amount off (USD)</option>
                </Select>
              </Field>
              {draft.kind === "percent" ? (
                <Field label="Percent off (1–100)" htmlFor={id("percentOff")} error={errors.percentOff}>
                  <Input inputMode="numeric" value={draft.percentOff} onChange={set("percentOff")} />
                </Field>
              ) : (
                <Field label="Amount off (USD)" htmlFor={id("amountOffCents")} error={errors.amountOffCents}>
                  <Input inputMode="decimal" value={draft.amountOff} onChange={set("amountOff")} />
                </Field>
              )}
              <Field label="Duration" htmlFor={id("duration")} error={errors.duration}>
                <Select value={draft.duration} onChange={set("duration")}>
                  <option value="once">Once (first invoice)</option>
                  <option value="repeating">Repeating (some months)</option>
                  <option value="forever">Forever</option>
                </Select>
              </Field>
              {draft.duration === "repeating" ? (
                <Field label="Months" htmlFor={id("durationInMonths")} error={errors.durationInMonths}>
                  <Input inputMode="numeric" value={draft.durationInMonths} onChange={set("durationInMonths")} />
                </Field>
              ) : (
                <div aria-hidden />
              )}
            </>
          )}
          <Field
            label="Redemption limit"
            htmlFor={id("maxRedemptions")}
            error={errors.maxRedemptions}
            hint="Empty for no limit"
          >
            <Input inputMode="numeric" value={draft.maxRedemptions} onChange={set("maxRedemptions")} />
          </Field>
          <Field label="Expires on" htmlFor={id("expiresAt")} error={errors.expiresAt} hint="Empty for never (UTC)">
            <Input type="date" value={draft.expiresOn} onChange={set("expiresOn")} />
          </Field>
        </>
      )}
    />
  );
}
