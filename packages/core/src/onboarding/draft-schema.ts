import { z } from "zod";
import type { FieldDescriptor } from "./templates";

const WEEKDAY_KEYS = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
  "mon",
  "tue",
  "wed",
  "thu",
  "fri",
  "sat",
  "sun",
] as const;

const text = (max: number) => z.string().max(max, `at most ${max} characters`).nullable();
/** A list typed as one text, or already split into lines. */
const list = (lines: number, lineMax: number) =>
  z.union(
    [
      z.string().max(lines * (lineMax + 1), `at most ${lines} lines`),
      z.array(z.string().max(lineMax, `each line at most ${lineMax} characters`)).max(lines, `at most ${lines} lines`),
    ],
    `must be text, one entry a line`,
  );

const HOURS = z.record(
  z.enum(WEEKDAY_KEYS, "must be a weekday"),
  z
    .object({
      open: z.string().max(5, "must be a time like 08:00"),
      close: z.string().max(5, "must be a time like 17:00"),
    })
    .strict()
    .nullable(),
);

function fieldSchema(field: FieldDescriptor): z.ZodType {
  switch (field.kind) {
    case "boolean":
      return z.boolean("must be on or off").nullable();
    case "number":
      return z.union([z.number(), text(20)], "must be a number");
    case "hours":
      return HOURS.nullable();
    case "zips":
      return list(500, 10);
    case "team":
      return list(50, 400);
    case "lines":
      return list(50, 200);
    case "url":
      return text(2000);
    default:
      return text(254);
  }
}

/**
 * What a step's draft may hold: only the step's own fields, each of its own kind and size (a draft is
 * unfinished, so its values need not be valid yet — but a 900 KB string, 20,000 keys or JSON 2,000
 * levels deep is refused with a 400 naming the field).
 */
export function draftSchema(fields: Readonly<Record<string, FieldDescriptor>>) {
  const shape = Object.fromEntries(
    Object.entries(fields).map(([name, field]) => [name, fieldSchema(field).optional()]),
  );
  return z.object(shape).strict();
}
