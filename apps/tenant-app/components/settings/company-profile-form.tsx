"use client";

import { ApiError, callApi, describeFailure, type FieldErrors } from "@pp/ui/api-client";
import { Button } from "@pp/ui/button";
import { Card } from "@pp/ui/card";
import { Field, Input, Select, Textarea } from "@pp/ui/field";
import { toast } from "@pp/ui/toaster";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import {
  type ProfileFormValues,
  TIME_ZONES,
  TRADE_OPTIONS,
  WEEKDAY_LABELS,
  WEEKDAY_ORDER,
  type Weekday,
} from "./profile-types";

const DEFAULT_HOURS = { open: "08:00", close: "17:00" };

/** "78701, 78702\n78703" → ["78701", "78702", "78703"]; the server checks each one. */
function parseZips(text: string): string[] {
  return text.split(/[\s,;]+/).filter((zip) => zip !== "");
}

/** The owner's editor for the company profile; the server validates and answers per field. */
export function CompanyProfileForm({ slug, profile }: { slug: string; profile: ProfileFormValues }) {
  const router = useRouter();
  const [values, setValues] = useState(profile);
  const [zipText, setZipText] = useState(profile.serviceAreas.join(", "));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);

  const zones = TIME_ZONES.some((zone) => zone.value === values.timezone)
    ? TIME_ZONES
    : [...TIME_ZONES, { value: values.timezone, label: values.timezone }];

  function set<K extends keyof ProfileFormValues>(key: K, value: ProfileFormValues[K]) {
    setValues((current) => ({ ...current, [key]: value }));
  }

  function setHours(day: Weekday, hours: { open: string; close: string } | null) {
    setValues((current) => ({ ...current, businessHours: { ...current.businessHours, [day]: hours } }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setErrors({});
    const zips = parseZips(zipText);
    try {
      await callApi(`/api/t/${slug}/settings/profile`, {
        method: "PUT",
        body: { ...values, serviceAreas: zips },
      });
      toast.success("Company profile saved");
      router.refresh();
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) {
        setErrors(withZipNames(error.fieldErrors, zips));
        toast.error("Some fields need attention — see the messages below");
      } else {
        toast.error(describeFailure(error));
      }
    } finally {
      setPending(false);
    }
  }

  const invalid = (name: string) => (errors[name] ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {});

  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      <Card title="Company" description="How your business appears to homeowners and on invoices.">
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field label="Company name" htmlFor="name" error={errors.name} className="sm:col-span-2">
            <Input
              id="name"
              value={values.name}
              onChange={(event) => set("name", event.target.value)}
              {...invalid("name")}
            />
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
              {...invalid("trade")}
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
            <Select
              id="timezone"
              value={values.timezone}
              onChange={(event) => set("timezone", event.target.value)}
              {...invalid("timezone")}
            >
              {zones.map((zone) => (
                <option key={zone.value} value={zone.value}>
                  {zone.label}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      </Card>

      <Card title="Service areas" description="The ZIP codes you take jobs in. Leads are only sent for these.">
        <Field
          label="ZIP codes"
          htmlFor="serviceAreas"
          error={errors.serviceAreas}
          hint="Five-digit ZIP codes, separated by commas, spaces or new lines."
        >
          <Textarea
            id="serviceAreas"
            rows={3}
            value={zipText}
            onChange={(event) => setZipText(event.target.value)}
            {...invalid("serviceAreas")}
          />
        </Field>
      </Card>

      <Card title="Business hours" description="When you answer the phone and book jobs.">
        <div className="divide-y divide-slate-100">
          {WEEKDAY_ORDER.map((day) => {
            const hours = values.businessHours[day];
            const openError = errors[`businessHours.${day}.open`];
            const closeError = errors[`businessHours.${day}.close`];
            return (
              <div key={day} className="flex flex-wrap items-center gap-3 py-2.5 first:pt-0 last:pb-0">
                <label className="flex w-36 items-center gap-2 text-sm font-medium text-slate-800">
                  <input
                    type="checkbox"
                    className="size-4 rounded border-slate-300 accent-brand-600"
                    checked={hours !== null}
                    onChange={(event) => setHours(day, event.target.checked ? DEFAULT_HOURS : null)}
                  />
                  {WEEKDAY_LABELS[day]}
                </label>
                {hours ? (
                  <div className="flex items-center gap-2">
                    <Input
                      type="time"
                      aria-label={`${WEEKDAY_LABELS[day]} opens`}
                      className="w-32"
                      value={hours.open}
                      onChange={(event) => setHours(day, { ...hours, open: event.target.value })}
                      aria-invalid={openError ? true : undefined}
                    />
                    <span className="text-sm text-slate-500">to</span>
                    <Input
                      type="time"
                      aria-label={`${WEEKDAY_LABELS[day]} closes`}
                      className="w-32"
                      value={hours.close}
                      onChange={(event) => setHours(day, { ...hours, close: event.target.value })}
                      aria-invalid={closeError ? true : undefined}
                    />
                  </div>
                ) : (
                  <span className="text-sm text-slate-500">Closed</span>
                )}
                {openError || closeError ? (
                  <p role="alert" className="w-full text-xs text-danger-700 sm:ml-39 sm:w-auto">
                    {closeError ? `Closing time ${closeError}` : `Opening time ${openError}`}
                  </p>
                ) : null}
              </div>
            );
          })}
        </div>
      </Card>

      <Card title="Contact" description="Who we (and your customers' invoices) should reach.">
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field label="Contact name" htmlFor="contactName" error={errors.contactName}>
            <Input
              id="contactName"
              autoComplete="name"
              value={values.contactName ?? ""}
              onChange={(event) => set("contactName", event.target.value)}
              {...invalid("contactName")}
            />
          </Field>
          <Field label="Contact phone" htmlFor="contactPhone" error={errors.contactPhone}>
            <Input
              id="contactPhone"
              type="tel"
              autoComplete="tel"
              value={values.contactPhone ?? ""}
              onChange={(event) => set("contactPhone", event.target.value)}
              {...invalid("contactPhone")}
            />
          </Field>
          <Field label="Contact email" htmlFor="contactEmail" error={errors.contactEmail}>
            <Input
              id="contactEmail"
              type="email"
              autoComplete="email"
              value={values.contactEmail ?? ""}
              onChange={(event) => set("contactEmail", event.target.value)}
              {...invalid("contactEmail")}
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
              {...invalid("billingEmail")}
            />
          </Field>
        </div>
      </Card>

      <div className="flex justify-end">
        <Button type="submit" pending={pending}>
          Save profile
        </Button>
      </div>
    </form>
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
