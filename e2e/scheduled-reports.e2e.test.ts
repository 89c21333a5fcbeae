import { createConnection } from "@pp/db";
import { auditEvents, reportSubscriptions, users } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { mailHeaders, mimeParts, type ReceivedMail, waitForInboxMail } from "../tooling/vitest/smtp-sink";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { signIn } from "./harness/sign-in";

// Issue 17 item 5: a staff member subscribes on Scheduled Reports; the pg-boss job and "Send me one now"
// deliver the digest through the outbox to the harness's real SMTP server; the email is what the preview
// showed; its signed unsubscribe link works without signing in.

const { portalUrl, databaseUrl, staff, smtpInboxUrl } = inject("e2e");
const ZONE = "America/Chicago";

/** The weekday (0 = Sunday) and hour it is now in `ZONE`. */
function localNow(): { weekday: number; hour: number } {
  const entries = new Intl.DateTimeFormat("en-US", {
    timeZone: ZONE,
    weekday: "short",
    hour: "numeric",
    hourCycle: "h23",
  })
    .formatToParts(new Date())
    .map((part) => [part.type, part.value]);
  const parts = Object.fromEntries(entries);
  return {
    weekday: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday ?? ""),
    hour: Number(parts.hour),
  };
}

function htmlOf(mail: ReceivedMail): string {
  return mimeParts(mail.raw).find((part) => part.contentType.startsWith("text/html"))?.text ?? "";
}

/** The digest's text as a reader sees it, without the minute it was computed at. */
function readable(text: string): string {
  return text
    .replace(/Figures as of [\d-]+ [\d:]+ UTC\./, "Figures as of … UTC.")
    .replace(/\s+/g, " ")
    .trim();
}

describe("Scheduled Reports", () => {
  let browser: BrowserSession;
  const connection = createConnection(databaseUrl, 1);
  let userId = "";

  beforeAll(async () => {
    browser = await openBrowser();
    const [user] = await connection.db.select().from(users).where(eq(users.email, staff.email));
    if (!user) throw new Error("the e2e staff user is missing");
    userId = user.id;
    await connection.db.delete(reportSubscriptions).where(eq(reportSubscriptions.userId, userId));
  });
  afterAll(async () => {
    await connection.db.delete(reportSubscriptions).where(eq(reportSubscriptions.userId, userId));
    await browser.close();
    await connection.pool.end();
  });

  it("subscribes on the page; the scheduled job delivers the period's digest once, with CSVs and one-click headers", async () => {
    const { page } = browser;
    await signIn(page, portalUrl, staff, /\/provider$/);
    await page.goto(`${portalUrl}/provider/reports`);
    await page.getByRole("heading", { name: "Scheduled Reports" }).waitFor();
    await page.getByText("You are not subscribed").waitFor();
    await screenshot(page, "portal-reports-not-subscribed");

    // This week's send time: today, this hour, where the subscriber is.
    const { weekday, hour } = localNow();
    await page.getByLabel("Cadence").selectOption("weekly");
    await page.getByLabel("Day", { exact: true }).selectOption(String(weekday));
    await page.getByLabel("Send at (local time)").selectOption(String(hour));
    await page.getByLabel("Time zone").fill(ZONE);
    await page.getByRole("button", { name: "Subscribe" }).click();
    await page.getByText(/^Subscribed — next digest .+ \(America\/Chicago\)$/).waitFor();
    await page.getByText("Subscribed", { exact: true }).waitFor();
    const [row] = await connection.db.select().from(reportSubscriptions).where(eq(reportSubscriptions.userId, userId));
    expect(row).toMatchObject({ cadence: "weekly", weekday, sendHour: hour, timeZone: ZONE, dayOfMonth: null });
    const [created] = await connection.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "report_subscription.created"), eq(auditEvents.targetId, row?.id ?? "")));
    expect(created?.actorId).toBe(userId);

    // Subscribed a day ago, as far as the schedule knows: this hour's send time counts (one set after
    // it would wait for next week). Then the job runs, as its 15-minute cron would.
    await connection.db
      .update(reportSubscriptions)
      .set({ scheduledFrom: new Date(Date.now() - 86_400_000) })
      .where(eq(reportSubscriptions.userId, userId));
    const sentAt = new Date().toISOString();
    const boss = new PgBoss({
      connectionString: databaseUrl,
      schema: "pgboss",
      supervise: false,
      schedule: false,
      migrate: false,
    });
    await boss.start();
    try {
      await boss.send("reports.send-digests", {});
      await boss.send("reports.send-digests", {}, { startAfter: 3 });
    } finally {
      await boss.stop({ graceful: false });
    }
    const mail = await waitForInboxMail(
      smtpInboxUrl,
      (message) =>
        message.to.includes(staff.email) &&
        message.receivedAt >= sentAt &&
        (mailHeaders(message.raw).subject ?? "").startsWith("Weekly digest"),
      90_000,
    );
    const headers = mailHeaders(mail.raw);
    expect(headers.subject).toMatch(/^Weekly digest: \w{3} \d+, \d{4} – \w{3} \d+, \d{4}$/);
    expect(headers["list-unsubscribe"]).toMatch(/^<http:\/\/[^>]+\/api\/reports\/unsubscribe\?token=[^>]+>$/);
    expect(headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    const files = mimeParts(mail.raw)
      .map((part) => part.filename)
      .filter(Boolean);
    expect(files).toHaveLength(6);
    expect(files.every((name) => name?.endsWith(".csv"))).toBe(true);
    // The second job run (and the portal's own cron) found this period done: still one.
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    const inbox = (await (await fetch(`${smtpInboxUrl}/messages`)).json()) as ReceivedMail[];
    expect(
      inbox.filter(
        (message) =>
          message.to.includes(staff.email) &&
          message.receivedAt >= sentAt &&
          mailHeaders(message.raw).subject === headers.subject,
      ),
    ).toHaveLength(1);
  }, 180_000);

  it("emails exactly what the preview shows, and the email's unsubscribe link works without signing in", async () => {
    const { page, context } = browser;
    await page.goto(`${portalUrl}/provider/reports`);
    const preview = page.getByTestId("digest-preview");
    await preview.waitFor();
    await screenshot(page, "portal-reports-preview");
    const previewText = readable((await preview.textContent()) ?? "");
    const previewSubject = ((await preview.locator("p strong").first().textContent()) ?? "").trim();
    expect(previewText).toContain("Revenue Intelligence");
    expect(previewText).toContain("Action Center");

    const clickedAt = new Date().toISOString();
    await page.getByRole("button", { name: "Send me one now" }).click();
    await page.getByText(`Digest sent to ${staff.email}`).waitFor();
    const mail = await waitForInboxMail(
      smtpInboxUrl,
      (message) =>
        message.to.includes(staff.email) &&
        message.receivedAt >= clickedAt &&
        mailHeaders(message.raw).subject === previewSubject,
      60_000,
    );

    // The email's HTML, opened in the browser, reads the same as the preview.
    const html = htmlOf(mail);
    const emailPage = await context.newPage();
    await emailPage.setContent(html);
    expect(readable((await emailPage.locator("[data-digest]").textContent()) ?? "")).toBe(previewText);
    const link = await emailPage.getByRole("link", { name: "Unsubscribe" }).getAttribute("href");
    await emailPage.close();
    expect(link).toMatch(new RegExp(`^${portalUrl}/reports/unsubscribe\\?token=`));

    // Signed out: a tampered link is refused, the real one unsubscribes with one click.
    await context.clearCookies();
    const token = new URL(link ?? "").searchParams.get("token") ?? "";
    const tampered = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
    const refused = await fetch(`${portalUrl}/api/reports/unsubscribe?token=${encodeURIComponent(tampered)}`, {
      method: "POST",
    });
    expect(refused.status).toBe(400);
    await page.goto(`${portalUrl}/reports/unsubscribe?token=${encodeURIComponent(tampered)}`);
    await page.getByRole("heading", { name: "This unsubscribe link is not valid" }).waitFor();

    await page.goto(link ?? "");
    await page.getByRole("heading", { name: "Unsubscribe from the digest" }).waitFor();
    await screenshot(page, "portal-reports-unsubscribe");
    await page.getByRole("button", { name: "Unsubscribe" }).click();
    await page.getByText("You are unsubscribed. No more digests will be sent.").waitFor();
    expect(
      await connection.db.select().from(reportSubscriptions).where(eq(reportSubscriptions.userId, userId)),
    ).toEqual([]);
    const audit = await connection.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "report_subscription.deleted"), eq(auditEvents.actorId, userId)));
    expect(audit.some((event) => (event.metadata as { via?: string }).via === "unsubscribe_link")).toBe(true);

    // A mail client's RFC 8058 one-click POST to the List-Unsubscribe URL: no session, no Origin; already done.
    const oneClick = mailHeaders(mail.raw)["list-unsubscribe"]?.slice(1, -1) ?? "";
    const response = await fetch(oneClick, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ unsubscribed: true, alreadyUnsubscribed: true });
  }, 180_000);
});
