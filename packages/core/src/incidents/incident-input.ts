import { z } from "zod";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Free text the database can hold: trimmed, no NUL, no lone surrogate, bounded. */
export function incidentText(label: string, max: number) {
  return z
    .string()
    .trim()
    .min(1, `${label} is required`)
    .max(max, `must be at most ${max.toLocaleString("en-US")} characters`)
    .refine((value) => !value.includes("\u0000"), "must not contain NUL characters")
    .refine((value) => !LONE_SURROGATE.test(value), "must not contain broken characters");
}
