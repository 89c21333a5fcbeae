import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startSmtpSink } from "../tooling/vitest/smtp-sink";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { signIn } from "./harness/sign-in";

// The seeded test tenant (Austin, Central time, open Mon–Fri 07–18 and Sat 08–12) goes through onboarding:
// its owner starts it in the tenant app, staff finish it in the portal. Nothing the tenant already set
// is overwritten without a confirmation, and the steps do real work the tenant app then shows.

const { portalUrl, tenantUrl, staff, owner } = inject("e2e");
const TENANT_NAME = "Test Plumbing Co";
const BRAND = "#0f766e";
const SAVED_ZIPS = "78701, 78704, 78745, 78751, 78757";

function step(page: Page, key: string): Locator {
  return page.locator(`section[data-step="${key}"]`);
}

async function completeStep(page: Page, key: string) {
  await step(page, key).getByRole("button", { name: "Mark step complete" }).click();
  await step(page, key).locator("header").getByText("Completed", { exact: true }).waitFor({ timeout: 15_000 });
}

async function expectSavedProfile(page: Page) {
  expect(await page.locator("#company_details-timezone").inputValue()).toBe("America/Chicago");
  expect(await page.locator("#company_details-serviceAreas").inputValue()).toBe(SAVED_ZIPS);
  expect(await page.locator("#company_details-businessHours-monday").isChecked()).toBe(true);
  expect(await page.getByLabel("Monday opens").inputValue()).toBe("07:00");
  expect(await page.getByLabel("Saturday closes").inputValue()).toBe("12:00");
  expect(await page.locator("#company_details-businessHours-sunday").isChecked()).toBe(false);
  expect(await page.locator("#company_details-contactPhone").inputValue()).toBe("+1-512-555-0142");
}

describe("Tenant Onboarding", () => {
  let browser: BrowserSession;
  let tenant: BrowserSession;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    browser = await openBrowser();
    tenant = await openBrowser();
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await browser.close();
    await tenant.close();
    await sink.close();
  });

  it("the owner starts their own onboarding; Company details opens with the saved profile", async () => {
    const { page } = tenant;
    await signIn(page, tenantUrl, owner, new RegExp(`/t/${owner.slug}$`));
    await page.goto(`${tenantUrl}/t/${owner.slug}/onboarding`);
    await page.getByText("Onboarding has not started yet").waitFor();
    await page.getByRole("button", { name: "Start onboarding" }).click();
    await step(page, "company_details").waitFor({ timeout: 20_000 });
    expect(await page.getByTestId("readiness-score").textContent()).toContain("Readiness 0%");
    await expectSavedProfile(page);
    await screenshot(page, "onboarding-tenant-checklist-1360");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "onboarding-tenant-checklist-390");
    await page.setViewportSize({ width: 1360, height: 900 });
  });

  it("a changed saved value shows the change and asks; keeping the saved values completes with nothing changed", async () => {
    const { page } = tenant;
    await page.locator("#company_details-timezone").selectOption("America/New_York");
    await step(page, "company_details").getByRole("button", { name: "Mark step complete" }).click();
    const confirmation = step(page, "company_details").getByTestId("step-confirmation");
    await confirmation.waitFor();
    const text = await confirmation.textContent();
    expect(text).toContain("Time zone");
    expect(text).toContain("Central (Chicago)");
    expect(text).toContain("Eastern (New York)");
    await screenshot(page, "onboarding-confirm-changes");
    await confirmation.getByRole("button", { name: "Keep saved values" }).click();
    expect(await page.locator("#company_details-timezone").inputValue()).toBe("America/Chicago");
    await completeStep(page, "company_details");

    await page.goto(`${tenantUrl}/t/${owner.slug}/settings`);
    await page.locator("#timezone").waitFor();
    expect(await page.locator("#timezone").inputValue()).toBe("America/Chicago");
    expect(await page.locator("#serviceAreas").inputValue()).toBe(SAVED_ZIPS);
    expect(await page.getByLabel("Friday closes").inputValue()).toBe("18:00");
  });

  it("the portal shows it In progress with its checklist — one truth, no “Start onboarding”", async () => {
    const { page } = browser;
    await signIn(page, portalUrl, staff, /\/provider$/);
    await page.goto(`${portalUrl}/provider/tenant-onboarding`);
    const row = page.locator("tr", { hasText: TENANT_NAME });
    await row.waitFor();
    expect(await row.textContent()).toContain("In progress");
    expect(await row.getByRole("button", { name: "Start onboarding" }).count()).toBe(0);
    // No started checklist anywhere in the list offers to start again.
    for (const started of await page.locator("tr", { hasText: "In progress" }).all()) {
      expect(await started.getByRole("button", { name: "Start onboarding" }).count()).toBe(0);
    }
    expect(await page.getByRole("list", { name: "Onboarding funnel" }).textContent()).toContain("Company details");
    await screenshot(page, "onboarding-list-before");
    await row.getByRole("link", { name: "Open checklist" }).click();
    await page.waitForURL(new RegExp(`/provider/tenant-onboarding/${owner.tenantId}$`), { timeout: 20_000 });
    await step(page, "company_details").locator("header").getByText("Completed", { exact: true }).waitFor();
    await expectSavedProfile(page);
  });

  it("names the bad entry in words and accepts what people type", async () => {
    const { page } = browser;
    await page.locator("#company_details-serviceAreas").fill("78701, 7870");
    await step(page, "company_details").getByRole("button", { name: "Mark step complete" }).click();
    const error = page.locator("#company_details-serviceAreas-error");
    await error.waitFor();
    expect(await error.textContent()).toContain("“7870”: must be a 5-digit ZIP code");
    expect(await page.locator("body").textContent()).not.toContain("serviceAreas.");

    await page.reload();
    await step(page, "licence_insurance").waitFor();
    await page.locator("#licence_insurance-licenceNumber").fill("M-40221");
    await page.locator("#licence_insurance-licenceState").fill("Texas");
    await page.locator("#licence_insurance-licenceExpiresOn").fill("2030-01-31");
    await page.locator("#licence_insurance-backflowCertificationNumber").fill("BF-1182");
    await page.locator("#licence_insurance-backflowCertificationExpiresOn").fill("2030-06-30");
    await page.locator("#licence_insurance-insuranceCarrier").fill("Acme Mutual");
    await page.locator("#licence_insurance-insurancePolicyNumber").fill("GL-7781");
    await page.locator("#licence_insurance-insuranceExpiresOn").fill("2030-12-31");
    await completeStep(page, "licence_insurance");

    // "Invite the team" says whom it will email before it sends.
    await page
      .locator("#team_invitations-members")
      .fill(`Dina Diaz <dina@testplumbing.test> - Dispatcher\ntom@testplumbing.test, tech\n${owner.email} owner`);
    await step(page, "team_invitations").getByRole("button", { name: "Mark step complete" }).click();
    const confirmation = step(page, "team_invitations").getByTestId("step-confirmation");
    await confirmation.waitFor();
    const text = (await confirmation.textContent()) ?? "";
    expect(text).toContain("will email an invitation to 2 people");
    expect(text).toContain("Dina Diaz dina@testplumbing.test as dispatcher");
    expect(text).toContain("tom@testplumbing.test as technician");
    expect(text).toContain(`Already on the team, not emailed: ${owner.email}`);
    await screenshot(page, "onboarding-confirm-invitations");
    await confirmation.getByRole("button", { name: "Send 2 invitations" }).click();
    await step(page, "team_invitations").locator("header").getByText("Completed", { exact: true }).waitFor();
  });

  it("shows a conflict instead of overwriting someone else's change", async () => {
    const { page, context } = browser;
    await page.reload();
    const stale = await context.newPage();
    await stale.goto(page.url());
    await step(stale, "lead_sources").waitFor();
    await step(page, "lead_sources").getByRole("button", { name: "Save draft" }).click();
    await step(page, "lead_sources").locator("header").getByText("Draft", { exact: true }).waitFor();
    await step(stale, "branding").getByRole("button", { name: "Save draft" }).click();
    const alert = stale.getByRole("alert").filter({ hasText: "Someone else changed this checklist" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("“Where leads come from” saved as draft");
    await stale.close();
  });

  it("completes every step, sends a real test email and completes onboarding", async () => {
    const { page } = browser;
    await page.reload();
    await step(page, "pipeline_stages").waitFor();
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
    await screenshot(page, "onboarding-checklist-completed-1360");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "onboarding-checklist-completed-390");
    await page.setViewportSize({ width: 1360, height: 900 });

    await page.goto(`${portalUrl}/provider/clients`);
    const client = page.locator("tr", { hasText: TENANT_NAME });
    await client.waitFor();
    expect(await client.textContent()).toContain("Completed");

    await page.goto(`${portalUrl}/provider/tenant-onboarding?status=completed`);
    await page.locator("tr", { hasText: TENANT_NAME }).waitFor();
    await screenshot(page, "onboarding-list-after");
  });

  it("the tenant app shows the new pipeline stages, the brand colour, the finished checklist and the same profile", async () => {
    const { page } = tenant;
    await page.goto(`${tenantUrl}/t/${owner.slug}/leads`);
    const stages = page.getByRole("list", { name: "Pipeline stages" });
    await stages.waitFor();
    expect((await stages.getByRole("listitem").allTextContents()).map((text) => text.replace("›", "").trim())).toEqual([
      "Inbox",
      "Quoted",
      "Booked",
      "Done",
    ]);
    const brand = await page
      .locator("[data-brand-color]")
      .evaluate((element) => getComputedStyle(element).getPropertyValue("--color-brand-600").trim());
    expect(brand).toBe(BRAND);

    await page.getByRole("link", { name: "Onboarding" }).first().click();
    await page.waitForURL(new RegExp(`/t/${owner.slug}/onboarding$`));
    await page.getByTestId("readiness-score").waitFor();
    expect(await page.getByTestId("readiness-score").textContent()).toContain("100%");
    expect(await page.getByRole("button", { name: "Complete onboarding" }).count()).toBe(0);
    expect(await step(page, "pipeline_stages").textContent()).toContain(
      "Your onboarding specialist completes this step",
    );
    await expectSavedProfile(page);
    await screenshot(page, "onboarding-tenant-checklist-finished");
  });
});
