import { createConnection } from "@pp/db";
import { createStaffUser } from "@pp/db/factories";
import { tenants } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { signIn } from "./harness/sign-in";

const { portalUrl, tenantUrl, databaseUrl, owner } = inject("e2e");

describe("Client Success workspace", () => {
  const connection = createConnection(databaseUrl, 1);
  const csm = { email: "e2e-csm@provider.test", password: "csm-password-long-enough-1" };
  let tenantName = "";
  let portal: BrowserSession;
  beforeAll(async () => {
    await createStaffUser(connection.db, {
      role: "success",
      email: csm.email,
      password: csm.password,
      name: "Dana CSM",
    });
    const [tenant] = await connection.db
      .select({ name: tenants.name })
      .from(tenants)
      .where(eq(tenants.id, owner.tenantId));
    tenantName = tenant?.name ?? "";
    portal = await openBrowser();
  });
  afterAll(async () => {
    await portal.close();
    await connection.pool.end();
  });

  it("a CSM opens the test tenant from Tenant Health, starts renewal prep, completes a task, adds a note and sees all three in the timeline", async () => {
    const { page } = portal;
    await signIn(page, portalUrl, csm, /\/provider$/);
    await page.getByRole("link", { name: "Tenant Health" }).first().click();
    await page.waitForURL(/\/provider\/tenant-health/);
    const tiles = page.getByRole("list", { name: "Client health tiles" });
    await tiles.getByRole("link", { name: tenantName }).waitFor();
    await screenshot(page, "portal-tenant-health");
    await tiles.getByRole("link", { name: tenantName }).click();
    await page.waitForURL(new RegExp(`/provider/clients/${owner.tenantId}$`));
    await expect(page.getByTestId("health-score").textContent()).resolves.toMatch(/^\d+$/);

    // Renewal prep: one click creates the run and its four tasks, owned by the CSM who started it.
    await page.getByRole("button", { name: "Start playbook Renewal prep" }).click();
    await page.getByText("Renewal prep started: 4 tasks created").waitFor();
    const renewal = page.getByRole("listitem", { name: "Renewal prep" });
    await renewal.getByText("0 of 4 tasks done").waitFor();
    await screenshot(page, "portal-client-360-playbook");

    // Complete the first task on the Tasks tab.
    await page.getByRole("navigation", { name: "Client 360" }).getByRole("link", { name: "Tasks" }).click();
    await page.waitForURL(new RegExp(`/provider/clients/${owner.tenantId}/tasks`));
    const task = "Prepare ROI summary (leads, jobs won, revenue)";
    await page.getByRole("button", { name: `Complete ${task}` }).click();
    await page.getByText(`Completed: ${task}`).waitFor();
    await page.getByRole("button", { name: `Complete ${task}` }).waitFor({ state: "detached" });
    await screenshot(page, "portal-client-360-tasks");

    // A note with a line break and markup that must stay text.
    await page.getByRole("navigation", { name: "Client 360" }).getByRole("link", { name: "Notes" }).click();
    await page.waitForURL(new RegExp(`/provider/clients/${owner.tenantId}/notes`));
    await page
      .getByLabel("Note", { exact: true })
      .fill("Renewal call booked for Friday.\n<b>Owner</b> wants a discount");
    await page.getByRole("button", { name: "Add note" }).click();
    await page.getByText("Note added", { exact: true }).waitFor();
    const notes = page.getByRole("list", { name: "Notes" });
    await notes.getByText("<b>Owner</b> wants a discount", { exact: false }).waitFor();
    await screenshot(page, "portal-client-360-notes");

    // All three on the Overview timeline, in words, with who did them.
    await page.getByRole("navigation", { name: "Client 360" }).getByRole("link", { name: "Overview" }).click();
    await page.waitForURL(new RegExp(`/provider/clients/${owner.tenantId}$`));
    const timeline = page.getByRole("list", { name: "Timeline entries" });
    await timeline.getByText("Playbook started: Renewal prep (4 tasks)").waitFor();
    await timeline.getByText(`Task completed: ${task}`).waitFor();
    await timeline.getByText("Note added: Renewal call booked for Friday.").waitFor();
    expect(await timeline.getByText("— by Dana CSM").count()).toBeGreaterThanOrEqual(3);
    await expect(renewal.getByText("1 of 4 tasks done").isVisible()).resolves.toBe(true);
    await screenshot(page, "portal-client-360-timeline");

    // Health: the components with their rules, and the backtest on Tenant Health.
    await page.getByRole("navigation", { name: "Client 360" }).getByRole("link", { name: "Health" }).click();
    await page.waitForURL(new RegExp(`/provider/clients/${owner.tenantId}/health`));
    const components = page.getByRole("table", { name: "Health score components" });
    await components.getByRole("cell", { name: "Payment state" }).waitFor();
    expect(await components.locator("tbody tr").count()).toBe(8);
    await screenshot(page, "portal-client-360-health");
    await page.goto(`${portalUrl}/provider/tenant-health?sort=drop`);
    await page.getByText("How well this score predicts churn").waitFor();
    await page.goto(`${portalUrl}/provider/clients/${owner.tenantId}`);

    // The timeline filters to notes only, in the URL.
    await page.getByRole("navigation", { name: "Timeline filters" }).getByRole("link", { name: "Notes" }).click();
    await page.waitForURL(/kinds=note/);
    await timeline.getByText("Note added: Renewal call booked for Friday.").waitFor();
    expect(await timeline.getByText("Playbook started").count()).toBe(0);
  });

  it("the tenant owner answers the NPS prompt once and the score appears in the Client 360 header", async () => {
    const tenant = await openBrowser();
    try {
      const { page } = tenant;
      await signIn(page, tenantUrl, owner, new RegExp(`/t/${owner.slug}$`));
      const prompt = page.getByRole("region", { name: /How likely are you to recommend us/ });
      await prompt.waitFor();
      await prompt.getByText("9", { exact: true }).click();
      await prompt.getByLabel(/main reason/).fill("Good leads, fair disputes");
      await screenshot(page, "tenant-nps-prompt");
      await prompt.getByRole("button", { name: "Send answer" }).click();
      await page.getByText("Thank you — your answer helps us improve").waitFor();
      await prompt.waitFor({ state: "detached" });
      // Not asked again on the next page.
      await page.reload();
      await page.getByRole("link", { name: "Leads" }).first().waitFor();
      expect(await page.getByRole("region", { name: /How likely are you to recommend us/ }).count()).toBe(0);
    } finally {
      await tenant.close();
    }

    const { page } = portal;
    await page.goto(`${portalUrl}/provider/clients/${owner.tenantId}`);
    await expect(page.getByTestId("nps-latest").textContent()).resolves.toContain("Latest 9");
    await page.getByText("Score 100 from 1 answer").waitFor();
    await screenshot(page, "portal-client-360-nps");
  });
});
