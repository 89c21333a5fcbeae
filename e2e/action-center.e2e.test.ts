import { createConnection } from "@pp/db";
import { createDispute, createLead, seedTestTenant } from "@pp/db/factories";
import { invoices, leadDisputes } from "@pp/db/schema";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, openBrowser, type Page, screenshot } from "./harness/browser";
import { chargedLeadOnOpenInvoice } from "./harness/charged-lead";
import { signIn } from "./harness/sign-in";

const { portalUrl, tenantUrl, databaseUrl, staff, owner } = inject("e2e");

describe("Action Center", () => {
  let browser: BrowserSession;
  const connection = createConnection(databaseUrl, 1);
  // A second runbook test tenant of our own: other browser tests decide the shared one's dispute.
  let seeded: Awaited<ReturnType<typeof seedTestTenant>>;
  beforeAll(async () => {
    browser = await openBrowser();
    seeded = await seedTestTenant(connection.db, { name: "Action Center Plumbing", slug: "action-center-plumbing" });
  });
  afterAll(async () => {
    await browser.close();
    await connection.pool.end();
  });

  async function invoiceNumber(id: string) {
    const [row] = await connection.db.select({ number: invoices.number }).from(invoices).where(eq(invoices.id, id));
    if (!row) throw new Error("seeded invoice missing");
    return row.number;
  }

  it("shows the test tenant's overdue invoice and pending dispute, sends a reminder and snoozes from the row", async () => {
    const { page } = browser;
    await signIn(page, portalUrl, staff, /\/provider$/);
    await page.getByRole("link", { name: "Action Center" }).first().click();
    await page.waitForURL(/\/provider\/action-center/);
    await page.getByRole("heading", { name: "Action Center" }).waitFor();
    await page.getByRole("navigation", { name: "Queues" }).waitFor();
    await screenshot(page, "portal-action-center");

    // The runbook's test tenant: its overdue invoice is in the queue.
    const sharedNumber = await invoiceNumber(
      (
        await connection.db
          .select({ id: invoices.id })
          .from(invoices)
          .where(eq(invoices.tenantId, owner.tenantId))
          .orderBy(asc(invoices.dueAt))
      )[0]?.id ?? "",
    );
    await page.goto(`${portalUrl}/provider/action-center?bucket=invoicesOverdue&tenantId=${owner.tenantId}`);
    await page.locator("tbody tr", { hasText: `Invoice ${sharedNumber} is overdue` }).waitFor();

    // Our seeded tenant: the pending dispute…
    await page.goto(`${portalUrl}/provider/action-center?bucket=disputesPending&tenantId=${seeded.tenantId}`);
    const dispute = page.locator("tbody tr", { hasText: "Outside our service area" });
    await dispute.waitFor();
    await expect(dispute.getByRole("button", { name: "Approve Dispute" }).isVisible()).resolves.toBe(true);
    await screenshot(page, "portal-action-center-disputes");

    // …and the overdue invoice: Send Reminder from the row.
    const number = await invoiceNumber(seeded.invoiceId);
    await page.goto(`${portalUrl}/provider/action-center?bucket=invoicesOverdue&tenantId=${seeded.tenantId}`);
    const row = page.locator("tbody tr", { hasText: `Invoice ${number} is overdue` });
    await row.waitFor();
    await row.getByRole("button", { name: "Send Reminder" }).click();
    await page.getByText("Reminder sent to billing@action-center-plumbing.test").waitFor();
    // Reminded today: the row no longer offers it.
    await row.getByRole("button", { name: "Send Reminder" }).waitFor({ state: "detached" });
    await screenshot(page, "portal-action-center-reminded");

    // The dialog by keyboard: it opens named after the item, Tab cycles inside it (past its last
    // control back to its Close button), Esc closes it and focus is back on the row's Snooze button.
    const snooze = row.getByRole("button", { name: "Snooze" });
    await snooze.focus();
    await page.keyboard.press("Enter");
    // The title names the item and its client.
    const keyboardDialog = page.getByRole("dialog", {
      name: `Snooze “Invoice ${number} is overdue” — Action Center Plumbing`,
    });
    await keyboardDialog.waitFor();
    const focusStops: string[] = [];
    for (let press = 0; press < 20; press++) {
      await page.keyboard.press("Tab");
      focusStops.push(
        await page.evaluate(() => {
          const active = document.activeElement;
          const inside = active?.closest("[role=dialog]") !== null && active !== document.body;
          return inside
            ? (active?.getAttribute("aria-label") ?? active?.textContent ?? active?.tagName ?? "")
            : "OUTSIDE";
        }),
      );
    }
    expect(focusStops, focusStops.join(" → ")).not.toContain("OUTSIDE");
    expect(focusStops.filter((stop) => stop === "Close").length, focusStops.join(" → ")).toBeGreaterThanOrEqual(2);
    expect(focusStops).toContain("Snooze");
    await page.keyboard.press("Escape");
    await keyboardDialog.waitFor({ state: "detached" });
    expect(await snooze.evaluate((button) => button === document.activeElement)).toBe(true);

    // Snooze with a reason: the item disappears from the queue and from the API.
    await row.getByRole("button", { name: "Snooze" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Reason").fill("Client promised payment on Friday");
    await screenshot(page, "portal-action-center-snooze-dialog");
    await dialog.getByRole("button", { name: "Snooze" }).click();
    await page.getByText(/Snoozed until [A-Z][a-z]{2} \d{1,2}, \d{4}/).waitFor();
    await row.waitFor({ state: "detached" });
    await page.getByText("Nothing matches these filters").waitFor();
    await screenshot(page, "portal-action-center-snoozed");
    const response = await page.request.get(`${portalUrl}/api/provider/action-center?tenantId=${seeded.tenantId}`);
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { buckets: Record<string, { count: number }> };
    expect(body.buckets.invoicesOverdue?.count).toBe(0);
    expect(body.buckets.disputesPending?.count).toBe(1);

    // Bulk: select every failed payment and snooze them together.
    await page.goto(`${portalUrl}/provider/action-center?bucket=paymentsFailed&tenantId=${seeded.tenantId}`);
    await page.getByLabel("Select all rows").check();
    await page
      .getByRole("toolbar", { name: "Bulk actions" })
      .getByRole("button", { name: /Snooze \(1\)/ })
      .click();
    await page.getByRole("dialog").getByLabel("Reason").fill("Card being replaced this week");
    await page.getByRole("dialog").getByRole("button", { name: "Snooze" }).click();
    await page.getByText("Nothing matches these filters").waitFor();
  });

  it("approving a dispute in the Action Center credits the client's invoice, as the tenant app shows", async () => {
    // A browser of its own: this test does not depend on the one above having signed in.
    const portal = await openBrowser();
    const { page } = portal;
    // The seeded tenant's first lead is on its open invoice; the client disputes it as the wrong job.
    const { lead: invoiced, line } = await chargedLeadOnOpenInvoice(connection.db, {
      tenantId: seeded.tenantId,
      category: "drain_cleaning",
    });
    await createDispute(connection.db, { leadId: invoiced.id, reasonCode: "wrong_job_type" });

    await signIn(page, portalUrl, staff, /\/provider$/);
    await page.goto(`${portalUrl}/provider/action-center?bucket=disputesPending&tenantId=${seeded.tenantId}`);
    const row = page.locator("tbody tr", { hasText: "Wrong job type" });
    await row.waitFor();
    await row.getByRole("button", { name: "Approve Dispute" }).click();
    const dialog = page.getByRole("dialog", { name: "Approve the dispute from Action Center Plumbing?" });
    await dialog.getByText(/This credits up to \$\d+\.\d\d to the client/).waitFor();
    await dialog.getByRole("button", { name: "Approve Dispute" }).click();
    await page.getByText("Dispute approved").first().waitFor();
    await row.waitFor({ state: "detached" });
    await screenshot(page, "portal-action-center-approved");

    const client = await openBrowser();
    try {
      const login = { email: seeded.ownerEmail, password: seeded.ownerPassword };
      await signIn(client.page, tenantUrl, login, new RegExp(`/t/${seeded.slug}$`));
      await client.page.goto(`${tenantUrl}/t/${seeded.slug}/billing`);
      const card = client.page.locator("section", { hasText: "Credit: disputed" }).last();
      await card.waitFor();
      await expect(card.textContent()).resolves.toContain(`−$${(line.amountCents / 100).toFixed(2)}`);
      await screenshot(client.page, "tenant-billing-credit-from-action-center");
    } finally {
      await client.close();
      await portal.close();
    }
  });
  /** The element that has focus: its row's item id, or its own text. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      const active = document.activeElement;
      return {
        row: active?.closest("tr[data-item-id]")?.getAttribute("data-item-id") ?? null,
        text: active?.textContent?.trim().slice(0, 80) ?? "",
      };
    });

  it("triages by keyboard: Skip to queue, j/k between rows, ? lists the shortcuts, a approves with a note", async () => {
    const { page } = browser;
    const lead = await createLead(connection.db, { tenantId: seeded.tenantId, externalId: "keyboard-triage-lead" });
    await createDispute(connection.db, { leadId: lead.id, reasonCode: "duplicate" });
    await page.goto(`${portalUrl}/provider/action-center?bucket=disputesPending&tenantId=${seeded.tenantId}`);
    await page.locator("tbody tr", { hasText: "Duplicate lead" }).waitFor();
    const rowIds = await page
      .locator("tbody tr")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-item-id")));
    expect(rowIds.length).toBeGreaterThanOrEqual(2);

    // The first Tab stop is the skip link; it lands on the first row, not after the sidebar's links.
    // A fresh load: the skip link is placed once the page is interactive.
    await page.locator("a", { hasText: "Skip to queue" }).waitFor({ state: "attached" });
    await page.keyboard.press("Tab");
    expect((await focused(page)).text).toBe("Skip to queue");
    await screenshot(page, "portal-action-center-skip-link");
    await page.keyboard.press("Enter");
    expect((await focused(page)).row).toBe(rowIds[0]);
    await page.keyboard.press("j");
    expect((await focused(page)).row).toBe(rowIds[1]);
    await page.keyboard.press("k");
    expect((await focused(page)).row).toBe(rowIds[0]);

    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await help.getByText("Approve the dispute (asks first, with a note)").waitFor();
    await screenshot(page, "portal-action-center-shortcuts");
    await page.keyboard.press("Escape");
    await help.waitFor({ state: "detached" });

    // To the new dispute's row, then a: the approve dialog, named after the client, with a note.
    for (let press = 0; press < rowIds.length && (await focused(page)).row !== lead.id; press++) {
      await page.keyboard.press("j");
    }
    expect((await focused(page)).row).toBe(lead.id);
    await page.keyboard.press("a");
    const dialog = page.getByRole("dialog", { name: "Approve the dispute from Action Center Plumbing?" });
    await dialog.waitFor();
    // Typing in the note never triggers a shortcut (it holds a, r, m, s, j, k and ?).
    const note = "Same caller as last week's lead: a duplicate, approved — sorry for the mix-up?";
    await dialog.getByLabel("Note (optional — the client reads this)").pressSequentially(note);
    expect(await page.getByRole("dialog").count()).toBe(1);
    await dialog.getByRole("button", { name: "Approve Dispute" }).click();
    await page.getByText("Dispute approved").first().waitFor();
    await page.locator(`tbody tr[data-item-id="${lead.id}"]`).waitFor({ state: "detached" });
    const [decided] = await connection.db
      .select({ status: leadDisputes.status, note: leadDisputes.decisionNote })
      .from(leadDisputes)
      .where(eq(leadDisputes.leadId, lead.id));
    expect(decided).toEqual({ status: "approved", note });
    // Focus stays in the queue, on the row that took the approved one's place.
    expect(rowIds).toContain((await focused(page)).row);
  });

  it("lists snoozed items in the Snoozed view; Un-snooze puts one back in its queue, showing it was reminded today", async () => {
    const { page } = browser;
    const number = await invoiceNumber(seeded.invoiceId);
    await page.goto(`${portalUrl}/provider/action-center?tenantId=${seeded.tenantId}`);
    await page.getByRole("link", { name: "Snoozed items" }).click();
    await page.waitForURL(/view=snoozed/);
    await page.getByRole("heading", { name: "Snoozed items" }).waitFor();
    const row = page.locator("tbody tr", { hasText: `Invoice ${number} is overdue` });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain("Client promised payment on Friday");
    await screenshot(page, "portal-action-center-snoozed-view");
    await row.getByRole("button", { name: `Un-snooze Invoice ${number} is overdue — Action Center Plumbing` }).click();
    await page.getByText(`Back in Invoices overdue: Invoice ${number} is overdue`).waitFor();
    await row.waitFor({ state: "detached" });

    await page.goto(`${portalUrl}/provider/action-center?bucket=invoicesOverdue&tenantId=${seeded.tenantId}`);
    const back = page.locator("tbody tr", { hasText: `Invoice ${number} is overdue` });
    await back.waitFor();
    // The reminder sent in the first test: the row says so, and no longer offers another today.
    await back.getByText("Reminded today").waitFor();
    expect(await back.getByRole("button", { name: "Send Reminder" }).count()).toBe(0);
  });

  it("keeps every row's actions inside the viewport at 1280 and 1440 px wide", async () => {
    const { page } = browser;
    for (const width of [1280, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      // The widest rows: disputes (four actions) across every client.
      await page.goto(`${portalUrl}/provider/action-center?bucket=disputesPending`);
      await page.locator("tbody tr").first().waitFor();
      const cells = await page.locator("tbody tr td:last-child").evaluateAll((tds) =>
        tds.map((td) => {
          const box = td.getBoundingClientRect();
          const scroller = td.closest(".overflow-x-auto");
          return {
            right: box.right,
            buttons: td.querySelectorAll("button").length,
            scrolls: scroller ? scroller.scrollWidth > scroller.clientWidth : false,
          };
        }),
      );
      expect(cells.length).toBeGreaterThan(0);
      for (const cell of cells) {
        expect(cell.buttons, `${width} px`).toBeGreaterThan(0);
        expect(cell.right, `${width} px`).toBeLessThanOrEqual(width);
        expect(cell.scrolls, `${width} px: the table scrolls sideways`).toBe(false);
      }
      await screenshot(page, `portal-action-center-${width}`);
    }
    await page.setViewportSize({ width: 1360, height: 900 });
  });
});
