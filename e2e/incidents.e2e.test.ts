import { randomUUID } from "node:crypto";
import { createConnection } from "@pp/db";
import { incidents } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { decodeQuotedPrintable, waitForInboxMail } from "../tooling/vitest/smtp-sink";
import { type BrowserSession, openBrowser, type Page, screenshot } from "./harness/browser";
import { signIn } from "./harness/sign-in";

const { portalUrl, tenantUrl, databaseUrl, staff, owner, smtpInboxUrl } = inject("e2e");

type Health = {
  bySeverity: {
    severity: string;
    current: { mttaMinutes: number | null; acknowledged: number; mttrMinutes: number | null; resolved: number };
  }[];
};

async function sev2Times(page: Page) {
  const response = await page.request.get(`${portalUrl}/api/provider/incidents/health`);
  expect(response.status()).toBe(200);
  const health = (await response.json()) as Health;
  const sev2 = health.bySeverity.find((entry) => entry.severity === "sev2");
  if (!sev2) throw new Error("no sev2 row");
  return sev2.current;
}

describe("support request → incident with SLA clock → acknowledged and resolved → tenant sees it", () => {
  let portal: BrowserSession;
  let tenant: BrowserSession;
  const connection = createConnection(databaseUrl, 1);
  beforeAll(async () => {
    portal = await openBrowser();
    tenant = await openBrowser();
  });
  afterAll(async () => {
    await portal.close();
    await tenant.close();
    await connection.pool.end();
  });

  it("the owner asks for help, staff work it against its clock, MTTA/MTTR move, the owner reads the resolution", async () => {
    const subject = `Leads stopped arriving ${randomUUID().slice(0, 6)}`;

    // The tenant owner opens a support request: "We can't work" is sev2.
    await signIn(tenant.page, tenantUrl, owner, new RegExp(`/t/${owner.slug}$`));
    await tenant.page.getByRole("link", { name: "Support", exact: true }).click();
    await tenant.page.waitForURL(new RegExp(`/t/${owner.slug}/support$`));
    await tenant.page.getByRole("link", { name: "New request" }).first().click();
    await tenant.page.getByLabel("Subject").fill(subject);
    await tenant.page.getByLabel("Description").fill("No new leads since 8 am in 78701.");
    await tenant.page.getByLabel(/We can't work/).check();
    await tenant.page.getByRole("button", { name: "Send request" }).click();
    await tenant.page.waitForURL(new RegExp(`/t/${owner.slug}/support/[0-9a-f-]{36}$`));
    await tenant.page.getByText("Request opened").waitFor();
    const requestId = tenant.page.url().split("/").at(-1) ?? "";
    await screenshot(tenant.page, "tenant-support-request");

    // Staff see it in Support & Incidents with its clock: sev2, 30 minutes to acknowledge, on track.
    await signIn(portal.page, portalUrl, staff, /\/provider$/);
    const before = await sev2Times(portal.page);
    await portal.page.goto(`${portalUrl}/provider/incidents?status=unresolved&tenantId=${owner.tenantId}`);
    const row = portal.page.locator(`tr[data-incident-id="${requestId}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(subject);
    await expect(row.textContent()).resolves.toContain("sev2");
    await expect(row.locator("[data-sla-state]").getAttribute("data-sla-state")).resolves.toBe("on_track");
    await expect(row.textContent()).resolves.toMatch(/(29|30) min to ack/);
    await screenshot(portal.page, "portal-incidents-list");

    // Acknowledge, then resolve with a note.
    await row.getByRole("link", { name: subject }).click();
    await portal.page.waitForURL(new RegExp(`/provider/incidents/${requestId}$`));
    await portal.page.getByRole("button", { name: "Acknowledge" }).click();
    await portal.page.getByText("Acknowledged", { exact: true }).first().waitFor();
    await portal.page.locator('[data-event="acknowledged"]').waitFor();
    await portal.page.getByLabel("Note").fill("Fixed the ZIP filter; leads are flowing again.");
    await portal.page.getByRole("button", { name: "Resolve" }).click();
    await portal.page.locator('[data-event="resolved"]').waitFor();
    await screenshot(portal.page, "portal-incident-resolved");

    // MTTA and MTTR for sev2 now include this request, by its own recorded times.
    const [row2] = await connection.db.select().from(incidents).where(eq(incidents.id, requestId));
    if (!row2?.acknowledgedAt || !row2.resolvedAt) throw new Error("the incident was not acknowledged and resolved");
    const ackMinutes = (row2.acknowledgedAt.getTime() - row2.openedAt.getTime()) / 60_000;
    const resolveMinutes = (row2.resolvedAt.getTime() - row2.openedAt.getTime()) / 60_000;
    const after = await sev2Times(portal.page);
    expect(after.acknowledged).toBe(before.acknowledged + 1);
    expect(after.resolved).toBe(before.resolved + 1);
    const expectedMtta = ((before.mttaMinutes ?? 0) * before.acknowledged + ackMinutes) / (before.acknowledged + 1);
    const expectedMttr = ((before.mttrMinutes ?? 0) * before.resolved + resolveMinutes) / (before.resolved + 1);
    expect(after.mttaMinutes).toBeCloseTo(expectedMtta, 0);
    expect(after.mttrMinutes).toBeCloseTo(expectedMttr, 0);
    await portal.page.goto(`${portalUrl}/provider/incidents`);
    // The page shows it too: the sev2 row's MTTA and MTTR cells hold durations now.
    await expect(portal.page.locator('tr[data-severity="sev2"] td').nth(1).textContent()).resolves.toMatch(/^\d+ min/);
    await expect(portal.page.locator('tr[data-severity="sev2"] td').nth(2).textContent()).resolves.toMatch(/^\d+ min/);
    await screenshot(portal.page, "portal-incident-health");

    // The owner sees it resolved, with the note, in the app and by email.
    await tenant.page.reload();
    await expect(tenant.page.locator("[data-request-status]").getAttribute("data-request-status")).resolves.toBe(
      "resolved",
    );
    await tenant.page.getByText("Fixed the ZIP filter; leads are flowing again.").first().waitFor();
    await screenshot(tenant.page, "tenant-support-resolved");
    const mail = await waitForInboxMail(
      smtpInboxUrl,
      (message) => message.to.includes(owner.email) && decodeQuotedPrintable(message.raw).includes("resolved"),
      45_000,
    );
    expect(decodeQuotedPrintable(mail.raw)).toContain(`Resolved on your support request "${subject}".`);
    expect(decodeQuotedPrintable(mail.raw)).toContain("Fixed the ZIP filter; leads are flowing again.");

    // Reliability: a panel per SLO, fed by the requests these tests made.
    await portal.page.goto(`${portalUrl}/provider/reliability`);
    await portal.page.locator('[data-slo="federation"]').waitFor();
    await portal.page.locator('[data-slo="sign-in"]').waitFor();
    await screenshot(portal.page, "portal-reliability");
  }, 180_000);
});
