import { db } from "@pp/db";
import { recordApiUsage } from "@pp/db/factories";
import { alerts, emailOutbox } from "@pp/db/schema";
import { and, asc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { signedInStaff } from "../staff/testing";
import { rollupApiUsage } from "../usage/rollup-api-usage";
import { evaluateAlerts } from "./evaluate-alerts";
import { setAlertSubscription } from "./set-alert-subscription";

const MIN = 60_000;
// Each test uses its own hour far from the others so windows never overlap.
function minuteRows(now: Date, minutes: number, perMinute: number, make: (minute: number, i: number) => object) {
  const rows = [];
  for (let minute = 1; minute <= minutes; minute++) {
    for (let i = 0; i < perMinute; i++) {
      rows.push({
        app: "portal" as const,
        route: "/api/federation/keys",
        method: "GET",
        status: 200,
        durationMs: 40,
        at: new Date(now.getTime() - minute * MIN + i * 100),
        ...make(minute, i),
      });
    }
  }
  return rows;
}

describe("evaluateAlerts", () => {
  it("opens the federation fast-burn alert once, emails subscribers, and resolves it when the 5-minute window is clean", async () => {
    const { actor } = await signedInStaff("operations");
    await setAlertSubscription({ actor, subscribed: true });
    const now = new Date("2026-07-01T12:00:00Z");
    // 60 minutes × 40 requests; 2 of every 40 fail with a 503 in the last hour: 5 % = 50× the 0.1 % budget.
    await recordApiUsage(
      db,
      minuteRows(now, 60, 40, (_, i) => (i < 2 ? { status: 503 } : {})),
    );

    // The only traffic in 6 hours, so the 6 h / 30 min pair burns 50× too: medium burn opens with it.
    const first = await evaluateAlerts({ now });
    expect(first.opened).toEqual(["slo:federation:availability:fast", "slo:federation:availability:medium"]);
    const second = await evaluateAlerts({ now: new Date(now.getTime() + MIN) });
    expect(second.opened).toEqual([]);
    const open = await db.select().from(alerts).where(eq(alerts.fingerprint, "slo:federation:availability:fast"));
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ kind: "slo_burn", status: "firing", severity: "critical" });
    // Details follow the latest pass: one minute later the hour holds 59 minutes of requests.
    expect(open[0]?.details).toMatchObject({ longBurnRate: 50, shortBurnRate: 50, requests: 2360 });

    // 6 minutes on, nothing new failed: the 5-minute window burns 0× and the fast alert resolves;
    // the 30-minute window still holds failures, so the medium one stays open.
    const later = new Date(now.getTime() + 6 * MIN);
    await recordApiUsage(
      db,
      minuteRows(later, 5, 10, () => ({})),
    );
    const third = await evaluateAlerts({ now: later });
    expect(third.resolved).toEqual(["slo:federation:availability:fast"]);
    expect((await evaluateAlerts({ now: later })).resolved).toEqual([]);
    const rows = await db.select().from(alerts).where(eq(alerts.fingerprint, "slo:federation:availability:fast"));
    expect(rows.map((row) => [row.status, row.resolvedAt?.toISOString()])).toEqual([["resolved", later.toISOString()]]);

    expect(
      (await db.select().from(alerts).where(eq(alerts.fingerprint, "slo:federation:availability:medium")))[0]?.status,
    ).toBe("firing");
    const mails = await db
      .select({ subject: emailOutbox.subject })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.to, actor.email), inArray(emailOutbox.kind, ["alert_opened", "alert_resolved"])))
      .orderBy(asc(emailOutbox.createdAt));
    expect(mails.map((mail) => mail.subject).filter((subject) => subject.includes("fast burn"))).toEqual([
      "[Alert critical] Federation endpoints: availability error budget burning 50× (fast burn, ≥ 14.4×)",
      "[Resolved] Federation endpoints: availability error budget burning 50× (fast burn, ≥ 14.4×)",
    ]);
  });

  it("slow burn reads the hourly rollups for its 3-day window", async () => {
    const now = new Date("2026-08-10T12:00:00Z");
    // One request a minute for 3 days (4,320), 0.2 % failing: 2× the budget — slow burn only.
    const rows = [];
    for (let minute = 1; minute <= 3 * 24 * 60; minute++) {
      rows.push({
        app: "tenant" as const,
        route: "/api/v1/leads",
        method: "GET",
        status: minute % 500 === 0 ? 500 : 200,
        durationMs: 30,
        at: new Date(now.getTime() - minute * MIN),
      });
    }
    await recordApiUsage(db, rows);
    await rollupApiUsage({ from: new Date(now.getTime() - 3 * 24 * 60 * MIN), to: now });
    // 8 failures in 4,320 (0.19 %) over 3 days, 0 of the last 360 minutes: the 6-hour window is clean.
    expect((await evaluateAlerts({ now })).opened).toEqual([]);
    await recordApiUsage(db, [
      {
        app: "tenant",
        route: "/api/v1/leads",
        method: "GET",
        status: 500,
        durationMs: 30,
        at: new Date(now.getTime() - 10 * MIN),
      },
    ]);
    // Now 1 of the last 360 (0.28 %, 2.8×) and 9 of 4,321 over 3 days (2.1×): slow burn fires, not medium.
    expect((await evaluateAlerts({ now })).opened).toEqual(["slo:public-api:availability:slow"]);
  });

  it("a burst of 429s opens one rate-limit spike alert; it resolves when the burst stops", async () => {
    const now = new Date("2026-09-01T08:00:00Z");
    await recordApiUsage(
      db,
      Array.from({ length: 30 }, (_, i) => ({
        app: "tenant" as const,
        route: "/api/v1/leads",
        method: "GET",
        status: 429,
        durationMs: 2,
        at: new Date(now.getTime() - 4 * MIN + i * 1000),
      })),
    );
    const first = await evaluateAlerts({ now });
    expect(first.opened).toEqual(["spike:429"]);
    expect((await evaluateAlerts({ now })).opened).toEqual([]);
    const [alert] = await db
      .select()
      .from(alerts)
      .where(and(eq(alerts.fingerprint, "spike:429"), eq(alerts.status, "firing")));
    expect(alert).toMatchObject({ kind: "rate_limit_spike", title: "Spike of 429 Too Many Requests: 30 in 5 minutes" });
    expect((await evaluateAlerts({ now: new Date(now.getTime() + 5 * MIN) })).resolved).toEqual(["spike:429"]);
  });
});
