import { createConnection } from "@pp/db";
import { invoices, tenants } from "@pp/db/schema";
import { and, asc, eq, lt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { decodeQuotedPrintable, waitForInboxMail } from "../tooling/vitest/smtp-sink";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { signIn } from "./harness/sign-in";

// Issue 6: Send Reminder emails the tenant's billing contact through the outbox, and the email
// arrives on a real SMTP server (the harness's sink, which both apps send to).

const { portalUrl, databaseUrl, staff, owner, smtpInboxUrl } = inject("e2e");

function dollars(cents: number): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);
}

describe("Send Reminder on an overdue invoice", () => {
  let browser: BrowserSession;
  const connection = createConnection(databaseUrl, 1);
  let restore: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    // Other browser tests send today's reminder on the same seeded invoice: leave it as it was.
    await restore?.();
    await browser.close();
    await connection.pool.end();
  });

  it("emails the billing contact the invoice number and the amount due", async () => {
    const { page } = browser;
    const [overdue] = await connection.db
      .select()
      .from(invoices)
      .where(and(eq(invoices.tenantId, owner.tenantId), eq(invoices.status, "open"), lt(invoices.dueAt, new Date())))
      .orderBy(asc(invoices.dueAt));
    if (!overdue) throw new Error("the seeded tenant's overdue invoice is missing");
    const [tenant] = await connection.db.select().from(tenants).where(eq(tenants.id, owner.tenantId));
    const billingEmail = tenant?.billingEmail;
    if (!billingEmail) throw new Error("the seeded tenant has no billing email");
    // At most one reminder a day: whatever ran before, the last one went out yesterday.
    const lastReminderAt = overdue.lastReminderAt;
    restore = async () => {
      await connection.db.update(invoices).set({ lastReminderAt }).where(eq(invoices.id, overdue.id));
    };
    await connection.db
      .update(invoices)
      .set({ lastReminderAt: new Date(Date.now() - 24 * 60 * 60 * 1000) })
      .where(eq(invoices.id, overdue.id));

    await signIn(page, portalUrl, staff, /\/provider$/);
    await page.goto(`${portalUrl}/provider/billing?overdue=true&tenantId=${owner.tenantId}`);
    await page.getByRole("link", { name: overdue.number }).click();
    await page.waitForURL(new RegExp(`/provider/billing/invoices/${overdue.id}$`));
    const clickedAt = new Date().toISOString();
    await page.getByRole("button", { name: "Send Reminder" }).click();
    await page.getByText(`Reminder sent to ${billingEmail}`).waitFor();
    await screenshot(page, "portal-invoice-reminder-sent");

    const mail = await waitForInboxMail(
      smtpInboxUrl,
      (message) =>
        message.to.includes(billingEmail) && message.receivedAt >= clickedAt && message.raw.includes(overdue.number),
    );
    // Long header lines are folded; unfold them to read the subject as a mail client shows it.
    const body = decodeQuotedPrintable(mail.raw)
      .replace(/\r?\n[ \t]+/g, " ")
      .replace(/ {2,}/g, " ");
    expect(body).toContain(`Subject: Reminder: invoice ${overdue.number} (${dollars(overdue.amountDueCents)})`);
    expect(body).toContain(`Invoice ${overdue.number} for ${dollars(overdue.amountDueCents)} was due on`);
    expect(mail.from).toContain("provider-portal");

    // Clicking again the same day sends nothing more.
    await page.getByRole("button", { name: "Send Reminder" }).click();
    await page.getByText(/A reminder was already sent today at \d\d:\d\d UTC/).waitFor();
    const inbox = (await (await fetch(`${smtpInboxUrl}/messages`)).json()) as { to: string[]; receivedAt: string }[];
    expect(
      inbox.filter((message) => message.to.includes(billingEmail) && message.receivedAt >= clickedAt),
    ).toHaveLength(1);
  });

  it("runs the billing and usage jobs on pg-boss inside the portal", async () => {
    const schedules = await connection.db.execute<{ name: string; cron: string }>(
      sql`select name, cron from pgboss.schedule order by name`,
    );
    expect(schedules.rows).toEqual([
      { name: "alerts.evaluate", cron: "* * * * *" },
      { name: "billing.issue-invoices", cron: "5 0 * * *" },
      { name: "billing.payment-retries", cron: "0 6 * * *" },
      { name: "metrics.snapshot", cron: "20 0 * * *" },
      // The browser tests run with Stripe configured (a local stand-in): card charging is scheduled too.
      { name: "payments.charge-new-invoices", cron: "*/5 * * * *" },
      { name: "payments.stripe-webhooks", cron: "* * * * *" },
      { name: "reports.send-digests", cron: "*/15 * * * *" },
      { name: "success.health-scores", cron: "15 1 * * *" },
      { name: "usage.retention", cron: "30 0 * * *" },
      { name: "usage.rollup", cron: "* * * * *" },
    ]);
    // usage.rollup ran at start-up: the seeded tenant's sample API requests (spread over the last 7 days)
    // are in the hourly rollups. Hours older than the late-row window are settled: raw and rolled agree.
    const settled = sql`date_trunc('hour', now()) - interval '2 hours'`;
    const deadline = Date.now() + 120_000;
    for (;;) {
      const counts = await connection.db.execute<{ raw: number; rolled: number }>(sql`
        select (select count(*)::int from api_usage where tenant_id = ${owner.tenantId} and at < ${settled}) as raw,
               (select coalesce(sum(requests), 0)::int from api_usage_rollups
                 where tenant_id = ${owner.tenantId} and hour < ${settled}) as rolled`);
      const { raw = 0, rolled = 0 } = counts.rows[0] ?? {};
      if (raw > 0 && rolled === raw) break;
      if (Date.now() > deadline) throw new Error(`rollups hold ${rolled} of the tenant's ${raw} settled raw requests`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  });
});
