import { randomBytes } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";
import { createConnection } from "@pp/db";
import { createMember } from "@pp/db/factories";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { signIn } from "./harness/sign-in";

const { portalUrl, tenantUrl, databaseUrl, staff, otherTenant } = inject("e2e");

/** A real 24×24 PNG in one colour, built from its chunks. */
function png(rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const size = 24;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3).map((_, index) => rgb[index % 3] ?? 0)]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

describe("the Branding step's logo", () => {
  let browser: BrowserSession;
  const connection = createConnection(databaseUrl, 1);
  const owner = {
    email: `owner-${randomBytes(3).toString("hex")}@rival.test`,
    password: randomBytes(12).toString("base64url"),
  };
  beforeAll(async () => {
    browser = await openBrowser();
    await createMember(connection.db, { tenantId: otherTenant.tenantId, role: "owner", name: "Rhea Rival", ...owner });
  });
  afterAll(async () => {
    await browser.close();
    await connection.pool.end();
  });

  it("staff upload a logo on the checklist; a disguised file is refused; the tenant app shows it", async () => {
    const { page } = browser;
    await signIn(page, portalUrl, staff, /\/provider$/);
    await page.goto(`${portalUrl}/provider/tenant-onboarding/${otherTenant.tenantId}`);
    // Rival Electric has no checklist yet: start it (once the page is interactive).
    await page.waitForLoadState("networkidle");
    const start = page.getByRole("button", { name: "Start onboarding" });
    if (await start.isVisible()) {
      await start.click();
      await page.getByTestId("readiness-score").waitFor({ timeout: 20_000 });
    }
    const branding = page.locator('section[data-step="branding"]');
    await branding.getByTestId("logo-upload").waitFor({ timeout: 20_000 });

    // An SVG renamed .png: the browser says image/png, the bytes say otherwise.
    await branding.getByLabel(/logo/i).setInputFiles({
      name: "logo.png",
      mimeType: "image/png",
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    });
    await branding.getByText("not a PNG, JPEG or WebP image").waitFor();
    await screenshot(page, "portal-branding-logo-refused");

    await branding
      .getByLabel(/logo/i)
      .setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: png([29, 78, 216]) });
    await page.getByText("Logo uploaded").waitFor();
    const preview = branding.getByRole("img", { name: "Current logo" });
    await preview.waitFor();
    await expect(preview.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).resolves.toBe(24);
    await branding.scrollIntoViewIfNeeded();
    await screenshot(page, "portal-branding-logo");

    const tenant = await openBrowser();
    try {
      await signIn(tenant.page, tenantUrl, owner, new RegExp(`/t/${otherTenant.slug}$`));
      const headerLogo = tenant.page.locator("header").getByRole("img", { name: /logo$/ });
      await headerLogo.waitFor();
      await expect(headerLogo.evaluate((image: HTMLImageElement) => image.naturalWidth)).resolves.toBe(24);
      const response = await tenant.page.request.get(`${tenantUrl}${await headerLogo.getAttribute("src")}`);
      expect(response.headers()["content-type"]).toBe("image/png");
      expect(response.headers()["x-content-type-options"]).toBe("nosniff");
      await screenshot(tenant.page, "tenant-header-logo");

      await tenant.page.goto(`${tenantUrl}/t/${otherTenant.slug}/onboarding`);
      const ownerBranding = tenant.page.locator('section[data-step="branding"]');
      await ownerBranding.getByRole("img", { name: "Current logo" }).waitFor();
      await ownerBranding.scrollIntoViewIfNeeded();
      await screenshot(tenant.page, "tenant-onboarding-branding-logo");
    } finally {
      await tenant.close();
    }
  });
});
