import { AppError, type FieldIssue } from "../errors";
import type { FieldDescriptor } from "./templates";

const WEEKDAY_NAMES: Record<string, string> = {
  monday: "Monday",
  tuesday: "Tuesday",
  wednesday: "Wednesday",
  thursday: "Thursday",
  friday: "Friday",
  saturday: "Saturday",
  sunday: "Sunday",
};
const PART_NAMES: Record<string, string> = {
  open: "opening time",
  close: "closing time",
  email: "email",
  role: "role",
};

type StepLike = { key: string; title: string; fields: Readonly<Record<string, FieldDescriptor>> };

/** "serviceAreas.1" → `“7870”`, "members.0.email" → `line 1 (“sam@”) email`, "businessHours.monday.close" → "Monday closing time". */
function whereInField(rest: string[], value: unknown, kind: string | undefined): string {
  const [first, ...more] = rest;
  if (first === undefined) return "";
  if (/^\d+$/.test(first)) {
    const index = Number(first);
    const byLine = typeof value === "string" && (kind !== "zips" || /\n/.test(value.trim()));
    const items = Array.isArray(value)
      ? value
      : typeof value === "string"
        ? value
            .split(byLine ? /\r?\n/ : /[\s,;]+/)
            .map((item) => item.trim())
            .filter(Boolean)
        : [];
    const item = items.length === 1 && typeof value === "string" ? value.trim() : items[index];
    const shown = typeof item === "string" && item.trim() ? `“${item.trim().slice(0, 80)}”` : `entry ${index + 1}`;
    const part = more[0] ? ` ${PART_NAMES[more[0]] ?? more[0]}` : "";
    return byLine || more.length > 0 ? `line ${index + 1} (${shown})${part}` : shown;
  }
  const day = WEEKDAY_NAMES[first];
  if (day) return [day, ...more.map((part) => PART_NAMES[part] ?? part)].join(" ");
  return [first, ...more].map((part) => PART_NAMES[part] ?? part).join(" ");
}

/**
 * A step's zod issues as a 400 people can read: the message names the step and the field by their
 * labels ("Company details: Service area ZIP codes — “7870” must be a 5-digit ZIP code"), never an
 * internal path; each detail points at the form field (`steps.<step>.values.<field>`).
 */
export function stepValidationError(
  step: StepLike,
  issues: readonly FieldIssue[],
  values: Readonly<Record<string, unknown>>,
): AppError {
  const details = issues.map((issue) => {
    const [field = "", ...rest] = issue.path ? issue.path.split(".") : [];
    const label = step.fields[field]?.label ?? (field ? `“${field.slice(0, 64)}”` : step.title);
    const where = whereInField(rest, values[field], step.fields[field]?.kind);
    const message = where ? `${where}: ${issue.message}` : issue.message;
    return {
      path: `steps.${step.key}.values${field ? `.${field}` : ""}`,
      label,
      message,
    };
  });
  const first = details[0];
  const text = first ? `${step.title}: ${first.label} — ${first.message}` : `${step.title} is not valid`;
  return new AppError("validation_failed", text, { details });
}
