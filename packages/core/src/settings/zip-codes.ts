import { z } from "zod";

/** "78701, 78702\n78703" → ["78701", "78702", "78703"]: commas, semicolons, spaces and new lines all separate. */
export function splitZipCodes(text: string): string[] {
  return text.split(/[\s,;]+/).filter((zip) => zip !== "");
}

const ZIP = /^(\d{5})(?:-?\d{4})?$/;

/**
 * Service-area ZIP codes as people type them: a list or one string of them, 5-digit or ZIP+4
 * ("78701-1234" serves 78701). Duplicates collapse; each bad entry is named by its position.
 */
export const ZZipCodes = z.preprocess(
  (value) => (typeof value === "string" ? splitZipCodes(value) : value),
  z
    .array(
      z
        .string()
        .trim()
        .max(10, "must be a 5-digit ZIP code like 78701")
        .regex(ZIP, "must be a 5-digit ZIP code like 78701 (or ZIP+4 like 78701-1234)")
        .transform((zip) => zip.slice(0, 5)),
      "must be a list of ZIP codes",
    )
    .min(1, "add at least one ZIP code")
    .max(500, "at most 500 ZIP codes")
    .transform((zips) => [...new Set(zips)]),
);
