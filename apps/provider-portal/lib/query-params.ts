import type { UrlParams } from "@pp/ui/url";
import { z } from "zod";

/** A query param that may be absent or sent empty (a GET form's "Any" option submits `status=`). */
export function optionalParam<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess((value) => (value === "" ? undefined : value), schema.optional());
}

/**
 * Parses a page's search params with a route's query schema. A page never fails on a bad
 * URL: a param that does not parse is dropped (the list shows as if it were not there).
 */
export function parsePageParams<Schema extends z.ZodType<unknown, Record<string, unknown>>>(
  schema: Schema,
  params: UrlParams,
): z.output<Schema> {
  const input: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) input[name] = first;
  }
  for (let attempt = 0; attempt < 10; attempt++) {
    const parsed = schema.safeParse(input);
    if (parsed.success) return parsed.data;
    const bad = new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? "")));
    if (bad.size === 0 || [...bad].every((name) => !(name in input))) break;
    for (const name of bad) delete input[name];
  }
  return schema.parse({});
}
