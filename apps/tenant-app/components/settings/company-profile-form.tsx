"use client";

import type { FieldErrors } from "@pp/ui/api-client";
import { useApiForm } from "@pp/ui/api-form";
import { Button } from "@pp/ui/button";
import { Card } from "@pp/ui/card";
import { Field, Input, Select } from "@pp/ui/field";
import { BusinessHoursInput } from "@pp/ui/inputs/business-hours-input";
import { TimeZoneSelect } from "@pp/ui/inputs/time-zone-select";
import { splitZipCodes, ZIP_CODES_HINT, ZipCodesInput } from "@pp/ui/inputs/zip-codes-input";
import { type FormEvent, useState } from "react";
import { type ProfileFormValues, TIME_ZONES, TRADE_OPTIONS } from "./profile-types";

/** The owner's editor for the company profile; the server validates and answers per field. */
export function CompanyProfileForm({ slug, profile }: { slug: string; profile: ProfileFormValues }) {
  const [values, setValues] = useState(profile);
  const [zipText, setZipText] = useState(profile.serviceAreas.join(", "));
  const form = useApiForm({
    url: `/api/t/${slug}/settings/profile`,
    method: "PUT",
    success: "Company profile saved",
    refresh: true,
    fieldErrorsToast: "Some fields need attention — see the messages below",
  });
  // The ZIPs as sent: the server names a bad one by its index in them.
  const [sentZips, setSentZips] = useState<string[]>([]);
  const errors = withZipNames(form.errors, sentZips);

  function set<K extends keyof ProfileFormValues>(key: K, value: ProfileFormValues[K]) {
    setValues((current) => ({ ...current, [key]: value }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const zips = splitZipCodes(zipText);
    setSentZips(zips);
    void form.submit({ ...values, serviceAreas: zips });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      <Card title="Company" description="How your business appears to homeowners and on invoices.">
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field label="Company name" htmlFor="name" error={errors.name} className="sm:col-span-2">
            <Input id="name" value={values.name} onChange={(event) => set("name", event.target.value)} />
          </Field>
          <Field
            label="Trade"
            htmlFor="trade"
            error={errors.trade}
            hint="Decides which job types and prices your leads use."
          >
            <Select
              id="trade"
              value={values.trade}
              onChange={(event) =>
                set("trade", TRADE_OPTIONS.find((option) => option.value === event.target.value)?.value ?? values.trade)
              }
            >
              {TRADE_OPTIONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label="Time zone"
            htmlFor="timezone"
            error={errors.timezone}
            hint="Dates and weekly counts use this clock."
          >
            <TimeZoneSelect
              id="timezone"
              value={values.timezone}
              options={TIME_ZONES}
              onChange={(zone) => set("timezone", zone)}
              invalid={Boolean(errors.timezone)}
              describedBy={errors.timezone ? "timezone-error" : undefined}
            />
          </Field>
        </div>
      </Card>

      <Card title="Service areas" description="The ZIP codes you take jobs in. Leads are only sent for these.">
        <Field label="ZIP codes" htmlFor="serviceAreas" error={errors.serviceAreas} hint={ZIP_CODES_HINT}>
          <ZipCodesInput
            id="serviceAreas"
            value={zipText}
            onChange={setZipText}
            invalid={Boolean(errors.serviceAreas)}
            describedBy={errors.serviceAreas ? "serviceAreas-error" : undefined}
          />
        </Field>
      </Card>

      <Card title="Business hours" description="When you answer the phone and book jobs.">
        <BusinessHoursInput
          id="businessHours"
          value={values.businessHours}
          onChange={(hours) => set("businessHours", hours)}
          errors={hoursErrors(errors)}
        />
      </Card>

      <Card title="Contact" description="Who we (and your customers' invoices) should reach.">
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field label="Contact name" htmlFor="contactName" error={errors.contactName}>
            <Input
              id="contactName"
              autoComplete="name"
              value={values.contactName ?? ""}
              onChange={(event) => set("contactName", event.target.value)}
            />
          </Field>
          <Field label="Contact phone" htmlFor="contactPhone" error={errors.contactPhone}>
            <Input
              id="contactPhone"
              type="tel"
              autoComplete="tel"
              value={values.contactPhone ?? ""}
              onChange={(event) => set("contactPhone", event.target.value)}
            />
          </Field>
          <Field label="Contact email" htmlFor="contactEmail" error={errors.contactEmail}>
            <Input
              id="contactEmail"
              type="email"
              autoComplete="email"
              value={values.contactEmail ?? ""}
              onChange={(event) => set("contactEmail", event.target.value)}
            />
          </Field>
          <Field
            label="Billing email"
            htmlFor="billingEmail"
            error={errors.billingEmail}
            hint="Invoices go here; the contact email when empty."
          >
            <Input
              id="billingEmail"
              type="email"
              value={values.billingEmail ?? ""}
              onChange={(event) => set("billingEmail", event.target.value)}
            />
          </Field>
        </div>
      </Card>

      <div className="flex justify-end">
        <Button type="submit" pending={form.pending}>
          Save profile
        </Button>
      </div>
    </form>
  );
}

/** `businessHours.monday.close` → `monday.close`, as the hours input keys its errors. */
function hoursErrors(errors: FieldErrors): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).flatMap(([path, message]) =>
      path.startsWith("businessHours.") ? [[path.slice("businessHours.".length), message]] : [],
    ),
  );
}

/** `serviceAreas.3` → one message on the ZIP field naming the bad ZIP itself. */
function withZipNames(errors: FieldErrors, zips: readonly string[]): FieldErrors {
  const result: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    const match = /^serviceAreas\.(\d+)$/.exec(path);
    if (match) {
      result.serviceAreas ??= `“${zips[Number(match[1])] ?? ""}” ${message}`;
    } else {
      result[path] ??= message;
    }
  }
  return result;
}
