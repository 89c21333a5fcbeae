import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { signIn } from "./harness/sign-in";

const { portalUrl, tenantUrl, staff } = inject("e2e");

describe("the audit trail in the Provider Portal", () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it("sends the security headers from both apps", async () => {
    for (const url of [`${portalUrl}/sign-in`, `${tenantUrl}/sign-in`]) {
      const response = await fetch(url);
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(response.headers.get("x-frame-options"), url).toBe("DENY");
      expect(response.headers.get("x-content-type-options"), url).toBe("nosniff");
      expect(response.headers.get("referrer-policy"), url).toBe("strict-origin-when-cross-origin");
      // Served over plain http: HSTS would pin browsers to an https this server does not speak.
      expect(response.headers.get("strict-transport-security"), url).toBeNull();
    }
  });

  it("shows an audited change with its diff, links to it, and exports it as CSV", async () => {
    const { page } = browser;
    await signIn(page, portalUrl, staff, /\/provider$/);

    // Something audited, through the UI: invite a staff member.
    const invitee = `audited-${randomBytes(4).toString("hex")}@provider.test`;
    await page.goto(`${portalUrl}/provider/security/staff`);
    await page.locator("#invite-email").fill(invitee);
    await page.locator("#invite-name").fill("Audited Invitee");
    await page.locator("#invite-role").selectOption("support");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.getByText(`Invitation sent to ${invitee}`).waitFor();

    const response = await page.goto(`${portalUrl}/provider/security/audit`);
    expect(response?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(response?.headers()["x-frame-options"]).toBe("DENY");
    await page.getByRole("link", { name: "Audit log" }).waitFor();

    // Newest first: the invitation sits at the top, by the admin who sent it.
    const firstRow = page.locator("table tbody tr").first();
    await expect(firstRow.textContent()).resolves.toContain("staff.invited");
    await expect(firstRow.textContent()).resolves.toContain(staff.email);
    // Signing in was audited too.
    await page.getByLabel("Action").fill("auth.signed_in");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/action=auth\.signed_in/);
    await expect(page.locator("table tbody tr").first().textContent()).resolves.toContain(staff.email);

    // Filters live in the URL; the drawer opens from the row and is linkable.
    await page.goto(
      `${portalUrl}/provider/security/audit?action=staff.invited&actor=${encodeURIComponent(staff.email)}`,
    );
    await page.getByRole("link", { name: "staff.invited" }).first().click();
    await page.waitForURL(/[?&]event=[0-9a-f-]{36}/);
    const drawer = page.getByRole("dialog");
    await drawer.waitFor();
    await expect(drawer.textContent()).resolves.toContain(invitee);
    const changed = drawer.locator('tr[data-changed="true"]');
    expect(await changed.count()).toBeGreaterThan(0);
    await expect(drawer.locator('tr[data-changed="true"]', { hasText: "status" }).textContent()).resolves.toContain(
      '"invited"',
    );
    await screenshot(page, "portal-audit-drawer");

    const linked = page.url();
    await page.goto(linked);
    await page.getByRole("dialog").waitFor();
    await page.keyboard.press("Escape");
    await page.waitForURL((url) => !url.searchParams.has("event"));
    expect(new URL(page.url()).searchParams.get("action")).toBe("staff.invited");
    await screenshot(page, "portal-audit-log");

    // The CSV export streams the same filtered rows as an attachment.
    const csv = await page.request.get(`${portalUrl}/api/provider/audit-events/export?action=staff.invited`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="audit-events-\d{8}\.csv"$/);
    const exported = await csv.text();
    expect(exported.startsWith("\uFEFF")).toBe(true); // a BOM, so spreadsheets read UTF-8
    const text = exported.slice(1);
    const [header, ...rows] = text.trimEnd().split("\r\n");
    expect(header?.startsWith("id,at,actor_type,actor_id,actor_label,tenant_id")).toBe(true);
    expect(rows.some((row) => row.includes(invitee) && row.includes("staff.invited"))).toBe(true);
    expect(text).not.toContain("auth.signed_in");

    const list = await page.request.get(`${portalUrl}/api/provider/audit-events?action=staff.&limit=5`);
    expect(list.status()).toBe(200);
    const body = (await list.json()) as { data: { action: string }[]; nextCursor: string | null };
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.every((event) => event.action.startsWith("staff."))).toBe(true);
  });

  it("says so when nothing matches the filters", async () => {
    const { page } = browser;
    await page.goto(`${portalUrl}/provider/security/audit?action=nothing.matches`);
    await page.getByText("No audit events match these filters").waitFor();
    await screenshot(page, "portal-audit-empty");
  });
});
