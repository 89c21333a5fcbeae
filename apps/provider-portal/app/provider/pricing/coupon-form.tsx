"use client";

import { callApi, type FieldErrors } from "@pp/ui/api-client";
import { Button } from "@pp/ui/button";
import { Dialog } from "@pp/ui/dialog";
import { Field, Input, Select } from "@pp/ui/field";
import { centsOf, dollarsOf } from "@pp/ui/format";
import { toast } from "@pp/ui/toaster";
import { Pencil, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { showFailure, wholeOf } from "./pricing-input";

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
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft>(() => draftOf(coupon));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const editing = coupon !== undefined;
  const idPrefix = editing ? `coupon-${coupon.id}` : "coupon-new";

  function openForm(next: boolean) {
    if (next) {
      setDraft(draftOf(coupon));
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
    // An unchanged expiry is not sent: editing the name of an expired coupon must not trip "in the future".
    const expiryChanged = !editing || draft.expiresOn !== draftOf(coupon).expiresOn;
    const limits = {
      name: draft.name,
      maxRedemptions: draft.maxRedemptions.trim() === "" ? null : wholeOf(draft.maxRedemptions),
      ...(expiryChanged ? { expiresAt: expiryOf(draft.expiresOn) } : {}),
    };
    try {
      const saved = editing
        ? await callApi<CouponRow>(`/api/provider/pricing/coupons/${coupon.id}`, { method: "PATCH", body: limits })
        : await callApi<CouponRow>("/api/provider/pricing/coupons", {
            method: "POST",
            idempotencyKey: crypto.randomUUID(),
            body: {
              ...limits,
              code: draft.code,
              ...(draft.kind === "percent"
                ? { percentOff: wholeOf(draft.percentOff) }
                : { amountOffCents: centsOf(draft.amountOff) }),
              duration: draft.duration,
              ...(draft.duration === "repeating" ? { durationInMonths: wholeOf(draft.durationInMonths) } : {}),
            },
          });
      toast.success(editing ? `Coupon ${saved.code} saved` : `Coupon ${saved.code} created`);
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
        <Button size="sm" variant="secondary" onClick={() => openForm(true)} aria-label={`Edit coupon ${coupon.code}`}>
          <Pencil aria-hidden className="size-3.5" />
          Edit
        </Button>
      ) : (
        <Button variant="primary" onClick={() => openForm(true)}>
          <Plus aria-hidden className="size-4" />
          New coupon
        </Button>
      )}
      <Dialog
        size="lg"
        open={open}
        onOpenChange={openForm}
        title={editing ? `Edit coupon ${coupon.code}` : "New coupon"}
        description={
          editing
            ? "The discount is fixed once created; name, redemption limit and expiry can change."
            : "A percentage or an amount off the subscription, once, for some months, or forever."
        }
      >
        <form onSubmit={submit} noValidate className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field label="Code" htmlFor={`${idPrefix}-code`} error={errors.code} hint="Like SPRING25; what clients type">
            <Input {...field("code")} value={draft.code} onChange={set("code")} disabled={editing} autoComplete="off" />
          </Field>
          <Field label="Name" htmlFor={`${idPrefix}-name`} error={errors.name}>
            <Input {...field("name")} value={draft.name} onChange={set("name")} autoComplete="off" />
          </Field>
          {editing ? null : (
            <>
              <Field label="Discount type" htmlFor={`${idPrefix}-kind`}>
                <Select id={`${idPrefix}-kind`} value={draft.kind} onChange={set("kind")}>
                  <option value="percent">Percent off</option>
                  <option value="amount">Amount off (USD)</option>
                </Select>
              </Field>
              {draft.kind === "percent" ? (
                <Field label="Percent off (1–100)" htmlFor={`${idPrefix}-percentOff`} error={errors.percentOff}>
                  <Input
                    {...field("percentOff")}
                    inputMode="numeric"
                    value={draft.percentOff}
                    onChange={set("percentOff")}
                  />
                </Field>
              ) : (
                <Field label="Amount off (USD)" htmlFor={`${idPrefix}-amountOffCents`} error={errors.amountOffCents}>
                  <Input
                    {...field("amountOffCents")}
                    inputMode="decimal"
                    value={draft.amountOff}
                    onChange={set("amountOff")}
                  />
                </Field>
              )}
              <Field label="Duration" htmlFor={`${idPrefix}-duration`} error={errors.duration}>
                <Select {...field("duration")} value={draft.duration} onChange={set("duration")}>
                  <option value="once">Once (first invoice)</option>
                  <option value="repeating">Repeating (some months)</option>
                  <option value="forever">Forever</option>
                </Select>
              </Field>
              {draft.duration === "repeating" ? (
                <Field label="Months" htmlFor={`${idPrefix}-durationInMonths`} error={errors.durationInMonths}>
                  <Input
                    {...field("durationInMonths")}
                    inputMode="numeric"
                    value={draft.durationInMonths}
                    onChange={set("durationInMonths")}
                  />
                </Field>
              ) : (
                <div aria-hidden />
              )}
            </>
          )}
          <Field
            label="Redemption limit"
            htmlFor={`${idPrefix}-maxRedemptions`}
            error={errors.maxRedemptions}
            hint="Empty for no limit"
          >
            <Input
              {...field("maxRedemptions")}
              inputMode="numeric"
              value={draft.maxRedemptions}
              onChange={set("maxRedemptions")}
            />
          </Field>
          <Field
            label="Expires on"
            htmlFor={`${idPrefix}-expiresAt`}
            error={errors.expiresAt}
            hint="Empty for never (UTC)"
          >
            <Input {...field("expiresAt")} type="date" value={draft.expiresOn} onChange={set("expiresOn")} />
          </Field>
          <div className="flex justify-end gap-2 sm:col-span-2">
            <Button variant="ghost" onClick={() => openForm(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" pending={pending}>
              {editing ? "Save coupon" : "Create coupon"}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
