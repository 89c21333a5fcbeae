import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startSmtpSink } from "../tooling/vitest/smtp-sink";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { signIn } from "./harness/sign-in";

// Runbook §13 handover: staff take the seeded test tenant through onboarding in the portal; the steps
// do real work (tenant profile, invitations, pipeline, SMTP test email, brand colour) that the tenant app shows.

const { portalUrl, tenantUrl, staff, owner } = inject("e2e");
const TENANT_NAME = "Test Plumbing Co";
const BRAND = "#0f766e";

function step(page: Page, key: string): Locator {
  return page.locator(`section[data-step="${key}"]`);
}

async function completeStep(page: Page, key: string) {
  await step(page, key).getByRole("button", { name: "Mark step complete" }).click();
  await step(page, key).locator("header").getByText("Completed", { exact: true }).waitFor({ timeout: 15_000 });
}

describe("Tenant Onboarding", () => {
  let browser: BrowserSession;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    browser = await openBrowser();
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await browser.close();
    await sink.close();
  });

  it("staff start the seeded tenant's onboarding from its trade template", async () => {
    const { page } = browser;
    await signIn(page, portalUrl, staff, /\/provider$/);
    await page.goto(`${portalUrl}/provider/tenant-onboarding`);
    const row = page.locator("tr", { hasText: TENANT_NAME });
    await row.waitFor();
    expect(await row.textContent()).toContain("In progress");
    await screenshot(page, "onboarding-list-before");
    await row.getByRole("button", { name: "Start onboarding" }).click();
    await page.waitForURL(new RegExp(`/provider/tenant-onboarding/${owner.tenantId}$`), { timeout: 20_000 });
    await step(page, "company_details").waitFor();
    expect(await page.getByTestId("readiness-score").textContent()).toContain("Readiness 0%");
    // The plumbing template asks for the plumbing licence and backflow certification.
    await step(page, "licence_insurance").getByLabel("Backflow certification number").waitFor();
  });

  it("names the bad field when a step is completed with invalid values", async () => {
    const { page } = browser;
    await page.locator("#company_details-contactEmail").fill("not-an-email");
    await step(page, "company_details").getByRole("button", { name: "Mark step complete" }).click();
    const error = page.locator("#company_details-contactEmail-error");
    await error.waitFor();
    expect(await error.textContent()).toContain("email");
    expect(await step(page, "company_details").locator("header").textContent()).not.toContain("Completed");
  });

  it("shows a conflict instead of overwriting someone else's change", async () => {
    const { page, context } = browser;
    const stale = await context.newPage();
    await stale.goto(page.url());
    await step(stale, "lead_sources").waitFor();
    // This page saves first…
    await step(page, "lead_sources").getByRole("button", { name: "Save draft" }).click();
    await step(page, "lead_sources").locator("header").getByText("Draft", { exact: true }).waitFor();
    // …so the other one, still on the old version, is refused with what changed.
    await step(stale, "branding").getByRole("button", { name: "Save draft" }).click();
    const alert = stale.getByRole("alert").filter({ hasText: "Someone else changed this checklist" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("“Where leads come from” saved as draft");
    await screenshot(stale, "onboarding-conflict");
    await stale.close();
  });

  it("completes every step, sends a real test email and completes onboarding", async () => {
    const { page } = browser;
    await page.reload();
    await step(page, "company_details").waitFor();

    await page.locator("#company_details-name").fill(TENANT_NAME);
    await page.locator("#company_details-serviceAreas").fill("78701\n78702");
    await page.locator("#company_details-businessHours-monday").check();
    await page.locator("#company_details-businessHours-tuesday").check();
    await page.locator("#company_details-contactName").fill("Pat Plumber");
    await page.locator("#company_details-contactEmail").fill("pat@testplumbing.test");
    await page.locator("#company_details-contactPhone").fill("(512) 555-0142");
    await completeStep(page, "company_details");

    await page.locator("#licence_insurance-licenceNumber").fill("M-40221");
    await page.locator("#licence_insurance-licenceState").fill("TX");
    await page.locator("#licence_insurance-licenceExpiresOn").fill("2030-01-31");
    await page.locator("#licence_insurance-backflowCertificationNumber").fill("BF-1182");
    await page.locator("#licence_insurance-backflowCertificationExpiresOn").fill("2030-06-30");
    await page.locator("#licence_insurance-insuranceCarrier").fill("Acme Mutual");
    await page.locator("#licence_insurance-insurancePolicyNumber").fill("GL-7781");
    await page.locator("#licence_insurance-insuranceExpiresOn").fill("2030-12-31");
    await completeStep(page, "licence_insurance");

    await page
      .locator("#team_invitations-members")
      .fill("dina@testplumbing.test dispatcher\ntom@testplumbing.test technician");
    await completeStep(page, "team_invitations");

    await page.locator("#pipeline_stages-stages").fill("Inbox\nQuoted\nBooked\nDone");
    await completeStep(page, "pipeline_stages");
    await completeStep(page, "lead_sources");

    const { port } = new URL(sink.url);
    await page.locator("#email_integration-host").fill("127.0.0.1");
    await page.locator("#email_integration-port").fill(port);
    await page.locator("#email_integration-fromAddress").fill("office@testplumbing.test");
    await completeStep(page, "email_integration");
    await step(page, "email_integration").getByLabel("Send the test email to").fill("check@testplumbing.test");
    await step(page, "email_integration").getByRole("button", { name: "Send test email" }).click();
    await step(page, "email_integration").getByRole("status").filter({ hasText: "Test email sent" }).waitFor();
    const mail = await sink.waitFor("check@testplumbing.test");
    expect(mail.from).toBe("office@testplumbing.test");
    expect(mail.raw).toContain(`Test email from ${TENANT_NAME}`);
    await step(page, "email_integration").locator("header").getByText("Connected").waitFor();

    await page.locator("#branding-primaryColor").fill(BRAND);
    await completeStep(page, "branding");
    await page.locator("#training-leadsWalkthrough").check();
    await page.locator("#training-disputesGuide").check();
    await page.locator("#training-teamGuide").check();
    await completeStep(page, "training");
    await page.locator("#go_live-confirmed").check();
    await completeStep(page, "go_live");

    expect(await page.getByTestId("readiness-score").textContent()).toContain("Readiness 100%");
    await page.getByRole("button", { name: "Complete onboarding" }).click();
    await page.getByTestId("time-to-live").waitFor();
    expect(await page.getByTestId("time-to-live").textContent()).toMatch(/time to live \d+ d \d+ h/);
    await screenshot(page, "onboarding-checklist-completed");

    await page.goto(`${portalUrl}/provider/clients`);
    const client = page.locator("tr", { hasText: TENANT_NAME });
    await client.waitFor();
    expect(await client.textContent()).toContain("Completed");
    await screenshot(page, "onboarding-clients-completed");

    await page.goto(`${portalUrl}/provider/tenant-onboarding?status=completed`);
    await page.locator("tr", { hasText: TENANT_NAME }).waitFor();
    await screenshot(page, "onboarding-list-after");
  });

  it("the tenant app shows the new pipeline stages, the brand colour and the finished checklist", async () => {
    const tenant = await openBrowser();
    try {
      const { page } = tenant;
      await signIn(page, tenantUrl, owner, new RegExp(`/t/${owner.slug}$`));
      await page.goto(`${tenantUrl}/t/${owner.slug}/leads`);
      const stages = page.getByRole("list", { name: "Pipeline stages" });
      await stages.waitFor();
      expect(
        (await stages.getByRole("listitem").allTextContents()).map((text) => text.replace("›", "").trim()),
      ).toEqual(["Inbox", "Quoted", "Booked", "Done"]);
      const brand = await page
        .locator("[data-brand-color]")
        .evaluate((element) => getComputedStyle(element).getPropertyValue("--color-brand-600").trim());
      expect(brand).toBe(BRAND);
      await screenshot(page, "onboarding-tenant-leads-branded");

      await page.getByRole("link", { name: "Onboarding" }).first().click();
      await page.waitForURL(new RegExp(`/t/${owner.slug}/onboarding$`));
      await page.getByTestId("readiness-score").waitFor();
      expect(await page.getByTestId("readiness-score").textContent()).toContain("100%");
      // The owner does not get the staff-only actions.
      expect(await page.getByRole("button", { name: "Complete onboarding" }).count()).toBe(0);
      expect(await step(page, "pipeline_stages").textContent()).toContain(
        "Your onboarding specialist completes this step",
      );
      await screenshot(page, "onboarding-tenant-checklist");
    } finally {
      await tenant.close();
    }
  });
});
