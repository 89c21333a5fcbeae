"use client";

import { type ApiFormOptions, useApiForm } from "@pp/ui/api-form";
import { Button } from "@pp/ui/button";
import { Field, Input, Select, Textarea } from "@pp/ui/field";
import type { FormEvent } from "react";

/** Staff enter a month's acquisition spend per channel, or paste a CSV of month,channel,amount_cents. */
export function AcquisitionSpendForm({
  channels,
  defaultMonth,
}: {
  channels: readonly string[];
  defaultMonth: string;
}) {
  // Two forms, two hooks: each shows its own fields' messages.
  const spend: ApiFormOptions<{ saved: number }> = {
    url: "/api/provider/revenue/acquisition-spend",
    idempotent: true,
    refresh: true,
    fieldErrorsToast: true,
    success: (result) => `Acquisition spend saved (${result.saved} ${result.saved === 1 ? "entry" : "entries"})`,
  };
  const entry = useApiForm(spend);
  const csv = useApiForm(spend);

  const onEntry = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const dollars = Number(String(form.get("amount") ?? "").replace(/[$,\s]/g, ""));
    void entry.submit({
      month: form.get("month"),
      channel: form.get("channel"),
      amountCents: Number.isFinite(dollars) ? Math.round(dollars * 100) : form.get("amount"),
    });
  };
  const onCsv = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void csv.submit({ csv: new FormData(event.currentTarget).get("csv") });
  };

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <form onSubmit={onEntry} className="grid grid-cols-2 gap-3" aria-label="Enter acquisition spend">
        <Field label="Month" htmlFor="spend-month" error={entry.errors.month}>
          <Input id="spend-month" name="month" defaultValue={defaultMonth} placeholder="2025-06" />
        </Field>
        <Field label="Channel (lead source)" htmlFor="spend-channel" error={entry.errors.channel}>
          <Select id="spend-channel" name="channel">
            {channels.map((channel) => (
              <option key={channel} value={channel}>
                {channel}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Spend (USD)" htmlFor="spend-amount" error={entry.errors.amountCents}>
          <Input id="spend-amount" name="amount" inputMode="decimal" placeholder="1,200.00" />
        </Field>
        <div className="flex items-end">
          <Button type="submit" pending={entry.pending}>
            Save spend
          </Button>
        </div>
      </form>
      <form onSubmit={onCsv} className="space-y-3" aria-label="Import acquisition spend">
        <Field
          label="Or paste a CSV"
          htmlFor="spend-csv"
          hint="month,channel,amount_cents — e.g. 2025-06,web,120000"
          error={csv.errors.csv}
        >
          <Textarea id="spend-csv" name="csv" rows={3} />
        </Field>
        <Button type="submit" variant="secondary" pending={csv.pending}>
          Import CSV
        </Button>
      </form>
    </div>
  );
}
