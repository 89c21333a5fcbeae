import { randomUUID } from "node:crypto";
import { createConnection } from "@pp/db";
import { auditEvents, coupons, plans } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { signIn } from "./harness/sign-in";

const { portalUrl, databaseUrl, staff, viewer } = inject("e2e");

describe("Pricing & Offers", () => {
  let browser: BrowserSession;
  const connection = createConnection(databaseUrl, 1);
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await connection.pool.end();
  });

  it("staff create a plan and a coupon, edit the plan and archive the coupon", async () => {
    const { page } = browser;
    const suffix = randomUUID().slice(0, 6);
    const planCode = `growth-${suffix}`;
    const couponCode = `SPRING${suffix.toUpperCase()}`;

    await signIn(page, portalUrl, staff, /\/provider$/);
    await page.goto(`${portalUrl}/provider/pricing`);
    await page.getByRole("heading", { name: "Pricing & Offers" }).waitFor();
    await page.locator("table").first().waitFor();
    await screenshot(page, "portal-pricing-plans");

    // Create a plan; a bad price is named first.
    await page.getByRole("button", { name: "New plan" }).first().click();
    const planDialog = page.getByRole("dialog", { name: "New plan" });
    await planDialog.getByLabel("Code").fill(planCode);
    await planDialog.getByLabel("Name").fill("Growth");
    await planDialog.getByLabel("Price (USD)").fill("-5");
    await planDialog.getByLabel("Included leads per period").fill("40");
    await planDialog.getByLabel("Price per extra lead (USD)").fill("39");
    await planDialog.getByLabel("API rate limit (requests per minute)").fill("120");
    await planDialog.getByLabel("Features").fill("lead_inbox\ninvoicing");
    await planDialog.getByRole("button", { name: "Create plan" }).click();
    await planDialog.getByText("must be 0 or more").waitFor();
    await screenshot(page, "portal-pricing-plan-form-error");
    await planDialog.getByLabel("Price (USD)").fill("149");
    await planDialog.getByRole("button", { name: "Create plan" }).click();
    await page.getByText("Plan Growth created").waitFor();
    const planRow = page.locator("tbody tr", { hasText: planCode });
    await planRow.filter({ hasText: "$149.00" }).waitFor();

    // Edit it: price and name.
    await planRow.getByRole("button", { name: "Edit plan Growth" }).click();
    const editDialog = page.getByRole("dialog", { name: "Edit plan Growth" });
    await expect(editDialog.getByLabel("Code").isDisabled()).resolves.toBe(true);
    await editDialog.getByLabel("Name").fill("Growth Plus");
    await editDialog.getByLabel("Price (USD)").fill("159.50");
    await screenshot(page, "portal-pricing-plan-edit");
    await editDialog.getByRole("button", { name: "Save plan" }).click();
    await page.getByText("Plan Growth Plus saved").waitFor();
    await page.locator("tbody tr", { hasText: planCode }).filter({ hasText: "$159.50" }).waitFor();
    const [plan] = await connection.db.select().from(plans).where(eq(plans.code, planCode));
    expect(plan).toMatchObject({
      name: "Growth Plus",
      priceCents: 15_950,
      includedLeads: 40,
      pricePerLeadCents: 3_900,
    });

    // Create a coupon: 25% off for 3 months, 10 redemptions.
    await page.getByRole("link", { name: "Coupons" }).click();
    await page.waitForURL(/tab=coupons/);
    await page.getByRole("button", { name: "New coupon" }).first().click();
    const couponDialog = page.getByRole("dialog", { name: "New coupon" });
    await couponDialog.getByLabel("Code").fill(couponCode);
    await couponDialog.getByLabel("Name").fill("Spring offer");
    await couponDialog.getByLabel("Percent off (1–100)").fill("25");
    await couponDialog.getByLabel("Duration").selectOption("repeating");
    await couponDialog.getByLabel("Months").fill("3");
    await couponDialog.getByLabel("Redemption limit").fill("10");
    await screenshot(page, "portal-pricing-coupon-form");
    await couponDialog.getByRole("button", { name: "Create coupon" }).click();
    await page.getByText(`Coupon ${couponCode} created`).waitFor();
    const couponRow = page.locator("tbody tr", { hasText: couponCode });
    await couponRow.waitFor();
    await expect(couponRow.textContent()).resolves.toMatch(/25% off.*3 months.*0 of 10.*Redeemable/);

    // The same code again is a 409 that names it.
    const duplicate = await page.request.post(`${portalUrl}/api/provider/pricing/coupons`, {
      headers: { origin: portalUrl, "content-type": "application/json", "idempotency-key": randomUUID() },
      data: { code: couponCode.toLowerCase(), name: "Copy", amountOffCents: 500, duration: "once" },
    });
    expect(duplicate.status()).toBe(409);
    await expect(duplicate.json()).resolves.toMatchObject({ error: { message: expect.stringContaining(couponCode) } });

    // Archive the coupon, with a confirmation.
    await couponRow.getByRole("button", { name: `Archive coupon ${couponCode}` }).click();
    const confirm = page.getByRole("dialog", { name: `Archive coupon ${couponCode}?` });
    await confirm.getByText("can no longer be applied").waitFor();
    await screenshot(page, "portal-pricing-archive-confirm");
    await confirm.getByRole("button", { name: "Archive coupon" }).click();
    await page.getByText(`Coupon ${couponCode} archived`).waitFor();
    const archivedRow = page.locator("tbody tr", { hasText: couponCode });
    await archivedRow.getByText("Archived").waitFor();
    expect(await archivedRow.getByRole("button").count()).toBe(0);
    await screenshot(page, "portal-pricing-coupons");

    const [coupon] = await connection.db.select().from(coupons).where(eq(coupons.code, couponCode));
    expect(coupon?.archivedAt).not.toBeNull();
    const trail = await connection.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.targetType, "coupon"), eq(auditEvents.targetId, coupon?.id ?? "")));
    expect(trail.map((row) => row.action).sort()).toEqual(["pricing.coupon_archived", "pricing.coupon_created"]);
  });

  it("a viewer reads plans and coupons but sees no write buttons", async () => {
    const session = await openBrowser();
    try {
      const { page } = session;
      await signIn(page, portalUrl, viewer, /\/provider$/);
      await page.goto(`${portalUrl}/provider/pricing`);
      await page.locator("table").first().waitFor();
      await page.getByText("basic", { exact: true }).waitFor();
      expect(await page.getByRole("button", { name: /new plan|edit|archive/i }).count()).toBe(0);
      await page.goto(`${portalUrl}/provider/pricing?tab=coupons`);
      await page.getByRole("heading", { name: "Pricing & Offers" }).waitFor();
      expect(await page.getByRole("button", { name: /new coupon|edit|archive/i }).count()).toBe(0);
      await screenshot(page, "portal-pricing-viewer");
      const forged = await page.request.post(`${portalUrl}/api/provider/pricing/plans`, {
        headers: { origin: portalUrl, "content-type": "application/json", "idempotency-key": randomUUID() },
        data: {
          code: "sneaky",
          name: "Sneaky",
          priceCents: 0,
          interval: "month",
          includedLeads: 0,
          pricePerLeadCents: 0,
          apiRateLimitPerMinute: 1,
        },
      });
      expect(forged.status()).toBe(403);
    } finally {
      await session.close();
    }
  });
});
