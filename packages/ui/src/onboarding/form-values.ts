import type { FieldErrors } from "../api-client";
import { toBusinessHours } from "../inputs/business-hours-input";
import type { ChecklistData, ChecklistStep, FormValues, PendingConfirmation } from "./checklist-types";

/** The step's opening values as the form holds them: lists as text, hours as a full week. */
export function toForm(step: ChecklistStep): FormValues {
  const form: FormValues = {};
  for (const [name, field] of Object.entries(step.fields)) {
    const value = step.values[name];
    if (field.kind === "lines" || field.kind === "team")
      form[name] = Array.isArray(value) ? value.map(teamLine).join("\n") : (value ?? "");
    else if (field.kind === "zips") form[name] = Array.isArray(value) ? value.join(", ") : (value ?? "");
    else if (field.kind === "boolean") form[name] = value === true;
    else if (field.kind === "hours") form[name] = toBusinessHours(value);
    else form[name] = value === undefined || value === null ? "" : value;
  }
  return form;
}

/** A stored team entry (a typed line, or { name, email, role }) as one line. */
function teamLine(entry: unknown): string {
  if (entry && typeof entry === "object" && "email" in entry) {
    const { name, email, role } = entry as { name?: string; email: string; role?: string };
    return `${name ? `${name} <${email}>` : email}${role ? ` - ${role}` : ""}`;
  }
  return String(entry);
}

/** Form state → what the API takes (it parses lists, ZIPs and zones as typed). */
export function fromForm(step: ChecklistStep, form: FormValues): FormValues {
  const values: FormValues = {};
  for (const [name, field] of Object.entries(step.fields)) {
    const value = form[name];
    if (field.kind === "lines") {
      values[name] = String(value ?? "")
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean);
    } else if (field.kind === "number") {
      values[name] = value === "" || value === undefined ? undefined : Number(value);
    } else {
      values[name] = value;
    }
  }
  return values;
}

/** `steps.<key>.values.<field>[.more]` → one message per field of the step. */
export function stepFieldErrors(errors: FieldErrors, stepKey: string): Record<string, string> {
  const prefix = `steps.${stepKey}.values.`;
  const result: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    if (!path.startsWith(prefix)) continue;
    const field = path.slice(prefix.length).split(".")[0] ?? "";
    result[field] ??= message;
  }
  return result;
}

export function formsOf(data: ChecklistData): Record<string, FormValues> {
  const steps = data.onboarding?.sections.flatMap((section) => section.steps) ?? [];
  return Object.fromEntries(steps.map((step) => [step.key, toForm(step)]));
}

/** The details of a 409 that asks to confirm a step, or null for any other 409. */
export function confirmationOf(details: unknown): PendingConfirmation | null {
  if (!details || typeof details !== "object" || !("reason" in details)) return null;
  const reason = (details as { reason: unknown }).reason;
  return reason === "confirm_changes" || reason === "confirm_invitations" ? (details as PendingConfirmation) : null;
}
