import { db } from "@pp/db";
import { createSubscription, createTenant, ensureReferenceData, recordApiUsage } from "@pp/db/factories";
import { auditEvents, emailOutbox, healthScores, reportSubscriptions, tenantOnboarding } from "@pp/db/schema";
import { resetEnv } from "@pp/env";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailHeaders, mimeParts, type SmtpSink, startSmtpSink } from "../../../../tooling/vitest/smtp-sink";
import { deliverOutbox } from "../email/deliver-outbox";
import { ensureOnboardingTemplates } from "../onboarding/ensure-onboarding-templates";
import { rejection, signedInStaff } from "../staff/testing";
import { rollupApiUsage } from "../usage/rollup-api-usage";
import { getDigestPreview } from "./get-digest-preview";
import { saveReportSubscription } from "./save-report-subscription";
import { sendDigestNow, sendDueDigests } from "./send-digest";
import { cancelReportSubscription, unsubscribeFromReports } from "./unsubscribe-from-reports";
import { signUnsubscribeToken } from "./unsubscribe-token";

// Monday 14 December 2026, 08:10 in New York (13:10 UTC): the subscriber's weekly send time (08:00) has come.
const NOW = new Date("2026-12-14T13:10:00Z");
const WEEK = 7 * 86_400_000;
let smtp: SmtpSink;

beforeAll(async () => {
  process.env.AUTH_SECRET = "scheduled-reports-test-secret-of-enough-length";
  smtp = await startSmtpSink();
  process.env.EMAIL_SMTP_URL = smtp.url;
  resetEnv();
  await ensureReferenceData(db);
});

afterAll(async () => {
  delete process.env.EMAIL_SMTP_URL;
  resetEnv();
  await smtp.close();
});

/** A client with something in every section of the digest for the week of 7–13 December. */
async function seedClient() {
  const tenant = await createTenant(db, { name: "Digest Plumbing Co", onboardingStatus: "in_progress" });
  // A new subscription on Tuesday 8 December: a `new` MRR movement in the week.
  const subscription = await createSubscription(db, {
    tenantId: tenant.id,
    planCode: "pro",
    startedAt: new Date("2026-12-08T15:00:00Z"),
  });
  await db.insert(healthScores).values({
    tenantId: tenant.id,
    day: "2026-12-13",
    score: 31,
    band: "at_risk",
    components: { billing: { score: 10, weight: 20, detail: "2 invoices overdue" } },
  });
  const [template] = await ensureOnboardingTemplates(db);
  if (!template) throw new Error("no onboarding template");
  // No step completed since 1 December: stalled (over 7 days) on the 14th.
  await db.insert(tenantOnboarding).values({
    tenantId: tenant.id,
    templateId: template.id,
    status: "in_progress",
    lastProgressAt: new Date("2026-12-01T12:00:00Z"),
  });
  // 6 API requests in the week, 2 in the days before it: +4.
  const request = (at: string) => ({
    tenantId: tenant.id,
    app: "tenant" as const,
    route: "/api/v1/leads",
    method: "GET",
    status: 200,
    durationMs: 30,
    at: new Date(at),
  });
  await recordApiUsage(db, [
    ...Array.from({ length: 6 }, (_, i) => request(`2026-12-09T10:0${i}:00Z`)),
    request("2026-12-02T10:00:00Z"),
    request("2026-12-03T10:00:00Z"),
  ]);
  await rollupApiUsage({ from: new Date("2026-12-01T00:00:00Z"), to: new Date("2026-12-13T23:00:00Z") });
  return { tenant, subscription };
}

describe("scheduled reports", () => {
  it("sends each period's digest once, with the figures, CSV attachments and one-click unsubscribe headers", async () => {
    const { tenant, subscription } = await seedClient();
    const { actor } = await signedInStaff("success");
    const saved = await saveReportSubscription({
      actor,
      input: { cadence: "weekly", weekday: 1, sendHour: 8, timeZone: "america/new_york" },
      now: new Date("2026-12-10T00:00:00Z"),
    });
    expect(saved).toMatchObject({ cadence: "weekly", weekday: 1, dayOfMonth: null, timeZone: "America/New_York" });

    // 07:59 in New York: not yet.
    expect(await sendDueDigests({ now: new Date("2026-12-14T12:59:00Z") })).toEqual({ due: 0, queued: 0 });
    // Two job instances at once, then a third run later in the week: one digest.
    const [first, second] = await Promise.all([sendDueDigests({ now: NOW }), sendDueDigests({ now: NOW })]);
    expect(first.queued + second.queued).toBe(1);
    expect(await sendDueDigests({ now: new Date(NOW.getTime() + 2 * 86_400_000) })).toEqual({ due: 1, queued: 0 });
    const queued = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.to, actor.email), eq(emailOutbox.kind, "report_digest")));
    expect(queued).toHaveLength(1);

    await deliverOutbox();
    const mail = await smtp.waitFor(actor.email);
    const headers = mailHeaders(mail.raw);
    expect(headers.subject).toBe("Weekly digest: Dec 7, 2026 – Dec 13, 2026");
    expect(headers["list-unsubscribe"]).toMatch(
      new RegExp(`^<http://localhost:\\d+/api/reports/unsubscribe\\?token=${saved.id}\\.[A-Za-z0-9_-]{43}>$`),
    );
    expect(headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");

    const parts = mimeParts(mail.raw);
    const html = parts.find((part) => part.contentType.startsWith("text/html"))?.text ?? "";
    expect(html).toContain("Digest Plumbing Co");
    expect(html).toContain(
      '<td style="padding:6px 8px;border-bottom:1px solid #e2e8f0;text-align:left;font-size:13px;">31</td>',
    );
    const files = Object.fromEntries(
      parts.filter((part) => part.filename).map((part) => [part.filename, part.text.replace(/^\uFEFF/, "")]),
    );
    expect(Object.keys(files).sort()).toEqual([
      "action-center_2026-12-07_2026-12-13.csv",
      "api-usage-movers_2026-12-07_2026-12-13.csv",
      "at-risk-clients_2026-12-07_2026-12-13.csv",
      "onboarding-stalled_2026-12-07_2026-12-13.csv",
      "revenue-kpis_2026-12-07_2026-12-13.csv",
      "revenue-movements_2026-12-07_2026-12-13.csv",
    ]);
    expect(files["revenue-movements_2026-12-07_2026-12-13.csv"]).toContain(
      `2026-12-08T15:00:00.000Z,Digest Plumbing Co,${tenant.id},new,,Pro,0,${subscription.mrrCents},${subscription.mrrCents}\r\n`,
    );
    expect(files["at-risk-clients_2026-12-07_2026-12-13.csv"]).toContain(`Digest Plumbing Co,${tenant.id},31,at_risk,`);
    // Days 7–14 December (UTC) against the 8 days before.
    expect(files["api-usage-movers_2026-12-07_2026-12-13.csv"]).toContain(
      `Digest Plumbing Co,${tenant.id},6,2,4,0\r\n`,
    );
    expect(files["onboarding-stalled_2026-12-07_2026-12-13.csv"]).toContain(`Digest Plumbing Co,${tenant.id},`);
    expect(files["action-center_2026-12-07_2026-12-13.csv"]).toMatch(/^queue,open_items\r\ndisputesPending,\d+\r\n/);

    // The next week is a new period: one more.
    expect(await sendDueDigests({ now: new Date(NOW.getTime() + WEEK) })).toEqual({ due: 1, queued: 1 });
  });

  it("unsubscribes from the signed link without a session, audited; a tampered link is refused", async () => {
    const { actor } = await signedInStaff("viewer");
    const saved = await saveReportSubscription({
      actor,
      input: { cadence: "monthly", dayOfMonth: 31, sendHour: 9, timeZone: "Europe/London" },
    });
    const token = signUnsubscribeToken(saved.id);
    const tampered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    const refused = await rejection(unsubscribeFromReports({ token: tampered }));
    expect(refused).toMatchObject({ code: "validation_failed", status: 400 });
    // The same signature bytes spelled with the last character's padding bits set is not the link we sent.
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const padded = `${token.slice(0, -1)}${alphabet[alphabet.indexOf(token.slice(-1)) + 1]}`;
    expect(Buffer.from(padded.split(".")[1] ?? "", "base64url")).toEqual(
      Buffer.from(token.split(".")[1] ?? "", "base64url"),
    );
    expect((await rejection(unsubscribeFromReports({ token: padded }))).status).toBe(400);
    const otherId = await rejection(unsubscribeFromReports({ token: `${crypto.randomUUID()}.${token.split(".")[1]}` }));
    expect(otherId.status).toBe(400);
    expect(await db.select().from(reportSubscriptions).where(eq(reportSubscriptions.id, saved.id))).toHaveLength(1);

    expect(await unsubscribeFromReports({ token, context: { ip: "203.0.113.9" } })).toEqual({
      unsubscribed: true,
      email: actor.email,
      alreadyUnsubscribed: false,
    });
    expect(await db.select().from(reportSubscriptions).where(eq(reportSubscriptions.id, saved.id))).toHaveLength(0);
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "report_subscription.deleted"), eq(auditEvents.targetId, saved.id)));
    expect(audit).toMatchObject({ actorType: "staff", actorId: actor.userId, ip: "203.0.113.9" });
    // The same link again: nothing left to do, still fine.
    expect((await unsubscribeFromReports({ token })).alreadyUnsubscribed).toBe(true);
    // Unsubscribed: no digest at the next send time.
    await sendDueDigests({ now: new Date("2027-01-31T10:00:00Z") });
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.to, actor.email))).toEqual([]);
  });

  it("refuses a zone that does not exist, and a schedule without its day", async () => {
    const { actor } = await signedInStaff("viewer");
    const zone = await rejection(
      saveReportSubscription({
        actor,
        input: { cadence: "weekly", weekday: 1, sendHour: 8, timeZone: "Mars/Olympus" },
      }),
    );
    expect(zone).toMatchObject({ status: 400, details: [{ path: "timeZone" }] });
    const day = await rejection(
      saveReportSubscription({ actor, input: { cadence: "monthly", sendHour: 8, timeZone: "UTC" } }),
    );
    expect(day).toMatchObject({ status: 400, details: [{ path: "dayOfMonth" }] });
    const hour = await rejection(
      saveReportSubscription({ actor, input: { cadence: "weekly", weekday: 1, sendHour: 24, timeZone: "UTC" } }),
    );
    expect(hour).toMatchObject({ status: 400, details: [{ path: "sendHour" }] });
  });

  it("previews the next digest with the same render, sends one now on request, and stops when cancelled", async () => {
    const { actor } = await signedInStaff("operations");
    await saveReportSubscription({
      actor,
      input: { cadence: "weekly", weekday: 5, sendHour: 17, timeZone: "Asia/Kolkata" },
      now: new Date("2026-12-10T00:00:00Z"),
    });
    const preview = await getDigestPreview({ userId: actor.userId, now: NOW });
    // Friday 18 December 17:00 IST = 11:30 UTC, reporting on the week of 7–13 December.
    expect(preview.next).toEqual({
      periodKey: "weekly:2026-W51",
      sendAt: new Date("2026-12-18T11:30:00Z"),
      covers: { from: "2026-12-07", to: "2026-12-13" },
    });
    expect(preview.rendered.subject).toBe("Weekly digest: Dec 7, 2026 – Dec 13, 2026");
    expect(preview.rendered.attachments.map((file) => file.filename)).toContain(
      "at-risk-clients_2026-12-07_2026-12-13.csv",
    );

    const { outboxId } = await sendDigestNow({ actor, now: NOW });
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, outboxId));
    expect(row?.subject).toBe(preview.rendered.subject);
    // The email's body is the preview's markup, then the unsubscribe footer.
    expect(row?.html).toContain(preview.rendered.bodyHtml);
    expect(row?.attachments).toHaveLength(6);

    await cancelReportSubscription({ actor });
    await expect(sendDigestNow({ actor, now: NOW })).rejects.toMatchObject({ status: 409 });
  });
});
