"use client";

import { callApi, describeFailure } from "@pp/ui/api-client";
import { Button } from "@pp/ui/button";
import { Field, Input, Select, Textarea } from "@pp/ui/field";
import { toast } from "@pp/ui/toaster";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";

/** Staff enter a month's acquisition spend per channel, or paste a CSV of month,channel,amount_cents. */
export function AcquisitionSpendForm({
  channels,
  defaultMonth,
}: {
  channels: readonly string[];
  defaultMonth: string;
}) {
  const router = useRouter();
  const [pending, setPending] = useState<"entry" | "csv" | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function save(kind: "entry" | "csv", body: unknown) {
    setPending(kind);
    setErrors({});
    try {
      const result = await callApi<{ saved: number }>("/api/provider/revenue/acquisition-spend", {
        method: "POST",
        body,
        idempotencyKey: crypto.randomUUID(),
      });
      toast.success(`Acquisition spend saved (${result.saved} ${result.saved === 1 ? "entry" : "entries"})`);
      router.refresh();
    } catch (error) {
      if (error && typeof error === "object" && "fieldErrors" in error)
        setErrors(error.fieldErrors as Record<string, string>);
      toast.error(describeFailure(error));
    } finally {
      setPending(null);
    }
  }

  const onEntry = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const dollars = Number(String(form.get("amount") ?? "").replace(/[$,\s]/g, ""));
    void save("entry", {
      month: form.get("month"),
      channel: form.get("channel"),
      amountCents: Number.isFinite(dollars) ? Math.round(dollars * 100) : form.get("amount"),
    });
  };
  const onCsv = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void save("csv", { csv: new FormData(event.currentTarget).get("csv") });
  };

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <form onSubmit={onEntry} className="grid grid-cols-2 gap-3" aria-label="Enter acquisition spend">
        <Field label="Month" htmlFor="spend-month" error={errors.month}>
          <Input id="spend-month" name="month" defaultValue={defaultMonth} placeholder="2025-06" />
        </Field>
        <Field label="Channel (lead source)" htmlFor="spend-channel" error={errors.channel}>
          <Select id="spend-channel" name="channel">
            {channels.map((channel) => (
              <option key={channel} value={channel}>
                {channel}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Spend (USD)" htmlFor="spend-amount" error={errors.amountCents}>
          <Input id="spend-amount" name="amount" inputMode="decimal" placeholder="1,200.00" />
        </Field>
        <div className="flex items-end">
          <Button type="submit" pending={pending === "entry"}>
            Save spend
          </Button>
        </div>
      </form>
      <form onSubmit={onCsv} className="space-y-3" aria-label="Import acquisition spend">
        <Field
          label="Or paste a CSV"
          htmlFor="spend-csv"
          hint="month,channel,amount_cents — e.g. 2025-06,web,120000"
          error={errors.csv}
        >
          <Textarea id="spend-csv" name="csv" rows={3} />
        </Field>
        <Button type="submit" variant="secondary" pending={pending === "csv"}>
          Import CSV
        </Button>
      </form>
    </div>
  );
}
