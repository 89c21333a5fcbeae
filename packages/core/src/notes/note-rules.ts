import { z } from "zod";

/** Notes are plain text: kept as typed (line breaks included) and always rendered as text, never HTML. */
export const ZNoteBody = z
  .string("is required")
  .trim()
  .min(1, "is required")
  .max(10_000, "must be at most 10,000 characters")
  .refine((body) => !body.includes("\u0000"), "must not contain NUL characters");

/** The first line of a note, short enough for a timeline entry. */
export function noteHeadline(body: string, max = 80): string {
  const first = body.split(/\r?\n/, 1)[0]?.trim() ?? "";
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}
