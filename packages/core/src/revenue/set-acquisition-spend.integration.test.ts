import { db } from "@pp/db";
import { acquisitionSpend } from "@pp/db/schema";
import { asc } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rejection, signedInStaff } from "../staff/testing";
import { setAcquisitionSpend } from "./set-acquisition-spend";

describe("setAcquisitionSpend", () => {
  it("records spend per month and channel, by entry or CSV, replacing a month + channel entered again", async () => {
    const { actor } = await signedInStaff("billing");
    await setAcquisitionSpend({ entries: [{ month: "2025-03", channel: "web", amountCents: 50_000 }], actor });
    await setAcquisitionSpend({
      entries: { csv: "month,channel,amount_cents\n2025-03,web,65000\n2025-03,phone,12000\n\n2025-04,marketplace,0\n" },
      actor,
    });
    const rows = await db
      .select()
      .from(acquisitionSpend)
      .orderBy(asc(acquisitionSpend.month), asc(acquisitionSpend.channel));
    expect(rows.map((r) => [r.month, r.channel, r.amountCents])).toEqual([
      ["2025-03-01", "phone", 12_000],
      ["2025-03-01", "web", 65_000],
      ["2025-04-01", "marketplace", 0],
    ]);
  });

  it("names the field, and the CSV line, of bad input", async () => {
    const { actor } = await signedInStaff("billing");
    const month = await rejection(
      setAcquisitionSpend({ entries: [{ month: "2025-13", channel: "web", amountCents: 1 }], actor }),
    );
    expect(month.status).toBe(400);
    expect(month.message).toContain("month");
    const line = await rejection(
      setAcquisitionSpend({ entries: { csv: "2025-05,web,100\n2025-05,billboard,100" }, actor }),
    );
    expect(line.message).toContain("csv line 2: channel");
    expect(
      (await rejection(setAcquisitionSpend({ entries: { csv: "month,channel,amount_cents\n" }, actor }))).message,
    ).toContain("csv");
  });
});
