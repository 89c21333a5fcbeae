import { WEEKDAYS } from "../settings/company-profile";
import { describeBusinessHours } from "../settings/describe-business-hours";
import { timeZoneLabel } from "../settings/time-zones";
import type { FieldDescriptor } from "./templates";

/** One saved value a step would replace: what it is now and what it would become, in words. */
export type StepChange = { field: string; label: string; from: string; to: string };

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
}

/** A value in a form that compares equal whenever a person would call it the same. */
function comparable(name: string, field: FieldDescriptor | undefined, value: unknown): string {
  if (isEmpty(value)) return "";
  if (field?.kind === "hours" && typeof value === "object") {
    const hours = value as Record<string, { open: string; close: string } | null>;
    return JSON.stringify(WEEKDAYS.map((day) => hours[day] ?? null));
  }
  if (name === "serviceAreas" && Array.isArray(value)) return JSON.stringify([...value].map(String).sort());
  if (typeof value === "string") return field?.kind === "email" ? value.trim().toLowerCase() : value.trim();
  return JSON.stringify(value);
}

/** A value as the confirmation shows it. */
export function describeStepValue(field: FieldDescriptor | undefined, value: unknown): string {
  if (isEmpty(value)) return "(empty)";
  switch (field?.kind) {
    case "timezone":
      return timeZoneLabel(String(value));
    case "hours":
      return describeBusinessHours(value as Record<string, { open: string; close: string } | null>);
    case "boolean":
      return value === true ? "On" : "Off";
    case "select":
      return field.options?.find((option) => option.value === value)?.label ?? String(value);
    default:
      if (Array.isArray(value)) return value.join(field?.kind === "lines" ? " → " : ", ");
      return String(value);
  }
}

/**
 * The saved values that completing a step with `next` would replace. Setting a value the tenant never
 * had is not a change; clearing or replacing one is.
 */
export function findStepChanges(options: {
  fields: Readonly<Record<string, FieldDescriptor>>;
  saved: Readonly<Record<string, unknown>> | undefined;
  next: Readonly<Record<string, unknown>>;
}): StepChange[] {
  const { fields, saved, next } = options;
  if (!saved) return [];
  const changes: StepChange[] = [];
  for (const [name, before] of Object.entries(saved)) {
    if (isEmpty(before)) continue;
    const field = fields[name];
    if (comparable(name, field, before) === comparable(name, field, next[name])) continue;
    changes.push({
      field: name,
      label: field?.label ?? name,
      from: describeStepValue(field, before),
      to: describeStepValue(field, next[name]),
    });
  }
  return changes;
}
