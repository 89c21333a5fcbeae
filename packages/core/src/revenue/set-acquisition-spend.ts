import { db, type Executor } from "@pp/db";
import { acquisitionSpend, LEAD_SOURCES } from "@pp/db/schema";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { fieldIssues, validationError } from "../errors";
import { zMoneyCents, zNumberParam } from "../input/zod-pieces";
import { parseInput } from "../parse-input";

/** The most one month's spend on one channel can be (cents): $10M, well inside int4. */
export const MAX_SPEND_CENTS = 1_000_000_000;

export const ZAcquisitionSpend = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month like 2025-06"),
  channel: z.enum(LEAD_SOURCES, `must be one of ${LEAD_SOURCES.join(", ")}`),
  // A CSV cell is digits in a string; `true` stays a boolean and is refused.
  amountCents: zNumberParam(zMoneyCents("must be whole cents").max(MAX_SPEND_CENTS, "is too large")),
});
export type TAcquisitionSpend = z.input<typeof ZAcquisitionSpend>;

export const ZAcquisitionSpendImport = z.object({
  csv: z.string().min(1, "Paste rows of month,channel,amount_cents").max(200_000),
});

export type SetAcquisitionSpendOptions = {
  entries: TAcquisitionSpend[] | { csv: string };
  actor: StaffActor;
  context?: AuditContext;
};

/**
 * Records monthly acquisition spend per channel (lead source) — the CAC of LTV:CAC. One entry, or a
 * CSV of `month,channel,amount_cents` rows (a header line is skipped); a month + channel entered
 * again replaces its amount. A bad CSV row is a 400 naming its line.
 */
export async function setAcquisitionSpend(options: SetAcquisitionSpendOptions, executor: Executor = db) {
  const entries =
    "csv" in options.entries
      ? parseCsv(parseInput(ZAcquisitionSpendImport, options.entries).csv)
      : options.entries.map((entry) => parseInput(ZAcquisitionSpend, entry));
  return executor.transaction(async (tx) => {
    for (const entry of entries) {
      await tx
        .insert(acquisitionSpend)
        .values({ month: `${entry.month}-01`, channel: entry.channel, amountCents: entry.amountCents })
        .onConflictDoUpdate({
          target: [acquisitionSpend.month, acquisitionSpend.channel],
          set: { amountCents: sql`excluded.amount_cents`, updatedAt: new Date() },
        });
    }
    await recordAuditEvent(
      {
        actor: options.actor,
        action: "acquisition_spend.set",
        target: {
          type: "acquisition_spend",
          id: entries
            .map((e) => `${e.month}:${e.channel}`)
            .join(",")
            .slice(0, 200),
        },
        after: { entries },
        context: options.context,
      },
      tx,
    );
    return { saved: entries.length };
  });
}

function parseCsv(text: string) {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const rows: z.output<typeof ZAcquisitionSpend>[] = [];
  lines.forEach((line, index) => {
    if (line === "" || (index === 0 && /month/i.test(line))) return;
    const [month, channel, amountCents] = line.split(",").map((cell) => cell.trim());
    const parsed = ZAcquisitionSpend.safeParse({ month, channel, amountCents });
    if (!parsed.success) {
      const issues = fieldIssues(parsed.error).map((issue) => ({
        ...issue,
        path: `csv line ${index + 1}: ${issue.path}`,
      }));
      throw validationError(issues, (path) => `Invalid ${path}`);
    }
    rows.push(parsed.data);
  });
  if (rows.length === 0)
    throw validationError(
      [{ path: "csv", message: "has no rows of month,channel,amount_cents" }],
      () => 'Invalid field "csv"',
    );
  return rows;
}
