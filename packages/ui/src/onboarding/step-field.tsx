"use client";

import clsx from "clsx";
import type { ReactNode } from "react";
import { Field, Input, Select, Textarea } from "../field";
import { type BusinessHours, BusinessHoursInput } from "../inputs/business-hours-input";
import { TimeZoneSelect } from "../inputs/time-zone-select";
import { ZipCodesInput } from "../inputs/zip-codes-input";
import type { ChecklistField } from "./checklist-types";

const HEX = /^#[0-9a-f]{6}$/i;

/** One field of a step's form, drawn from its descriptor; the Settings inputs where Settings has one. */
export function StepField({
  id,
  field,
  value,
  error,
  onChange,
}: {
  id: string;
  field: ChecklistField;
  value: unknown;
  error?: string;
  onChange: (value: unknown) => void;
}) {
  const invalid = error ? true : undefined;
  const describedBy = error ? `${id}-error` : field.hint ? `${id}-hint` : undefined;
  const hint = field.hint;

  if (field.kind === "boolean") {
    return (
      <div className="flex flex-col gap-1 sm:col-span-2">
        <label htmlFor={id} className="flex items-center gap-2 text-sm text-slate-800">
          <input
            id={id}
            type="checkbox"
            className="size-4 rounded border-slate-300 accent-brand-600"
            checked={value === true}
            onChange={(event) => onChange(event.target.checked)}
            aria-invalid={invalid}
            aria-describedby={error ? `${id}-error` : undefined}
          />
          {field.label}
        </label>
        {/* A training guide both apps serve at /help/…; older checklists' external links are not shown. */}
        {field.hint?.startsWith("/help/") ? (
          <a href={field.hint} target="_blank" rel="noreferrer" className="ml-6 text-xs text-brand-700 underline">
            Open the guide
          </a>
        ) : null}
        {error ? (
          <p id={`${id}-error`} role="alert" className="ml-6 text-xs text-danger-700">
            {error}
          </p>
        ) : null}
      </div>
    );
  }
  if (field.kind === "hours") {
    return (
      <Field label={field.label} htmlFor={`${id}-monday`} error={error} hint={hint} className="sm:col-span-2">
        <BusinessHoursInput id={id} value={value as BusinessHours} onChange={onChange} />
      </Field>
    );
  }

  const text = String(value ?? "");
  const common = { id, "aria-invalid": invalid, "aria-describedby": describedBy };
  let control: ReactNode;
  let wide = false;
  switch (field.kind) {
    case "timezone":
      control = (
        <TimeZoneSelect
          id={id}
          value={text}
          options={field.options ?? []}
          onChange={onChange}
          invalid={invalid}
          describedBy={describedBy}
        />
      );
      break;
    case "zips":
      control = <ZipCodesInput id={id} value={text} onChange={onChange} invalid={invalid} describedBy={describedBy} />;
      break;
    case "select":
      control = (
        <Select {...common} value={text} onChange={(event) => onChange(event.target.value)}>
          <option value="">Choose…</option>
          {field.options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      );
      break;
    case "lines":
    case "team":
      wide = field.kind === "team";
      control = <Textarea {...common} rows={5} value={text} onChange={(event) => onChange(event.target.value)} />;
      break;
    case "color":
      control = (
        <div className="flex items-center gap-2">
          <Input {...common} placeholder="#1d4ed8" value={text} onChange={(event) => onChange(event.target.value)} />
          <span
            aria-hidden
            className={clsx("size-8 shrink-0 rounded-md ring-1 ring-slate-300", !HEX.test(text) && "bg-slate-100")}
            style={HEX.test(text) ? { backgroundColor: text } : undefined}
          />
        </div>
      );
      break;
    default:
      control = (
        <Input
          {...common}
          type={field.kind === "phone" ? "tel" : field.kind === "text" ? "text" : field.kind}
          autoComplete={field.kind === "password" ? "new-password" : field.kind === "phone" ? "tel" : "off"}
          value={text}
          onChange={(event) => onChange(event.target.value)}
        />
      );
  }
  return (
    <Field label={field.label} htmlFor={id} error={error} hint={hint} className={wide ? "sm:col-span-2" : undefined}>
      {control}
    </Field>
  );
}
