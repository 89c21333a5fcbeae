import { createConnection } from "@pp/db";
import { createStaffUser } from "@pp/db/factories";
import { auditEvents, playbooks } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { signIn } from "./harness/sign-in";

const { portalUrl, databaseUrl } = inject("e2e");

describe("Playbook templates", () => {
  const connection = createConnection(databaseUrl, 1);
  const admin = { email: "e2e-playbook-admin@provider.test", password: "admin-password-long-enough-1" };
  let portal: BrowserSession;
  beforeAll(async () => {
    await createStaffUser(connection.db, {
      role: "admin",
      email: admin.email,
      password: admin.password,
      name: "Pat Admin",
    });
    portal = await openBrowser();
  });
  afterAll(async () => {
    await portal.close();
    await connection.pool.end();
  });

  it("an admin opens the templates from Tenant Health and edits a task's title, due offset and default owner", async () => {
    const { page } = portal;
    await signIn(page, portalUrl, admin, /\/provider$/);
    await page.goto(`${portalUrl}/provider/tenant-health`);
    await page.getByRole("link", { name: "Playbook templates" }).click();
    await page.waitForURL(/\/provider\/tenant-health\/playbooks$/);
    await page.getByRole("table", { name: "Low adoption tasks" }).waitFor();

    await page.getByRole("button", { name: "Edit playbook Low adoption" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Task 1 title").fill("Review the usage report with the owner");
    await dialog.getByLabel("Due after (days)").first().fill("two");
    await dialog.getByRole("button", { name: "Save playbook" }).click();
    // A bad offset is refused, naming the field, and nothing is saved.
    await dialog.getByText("must be whole days").waitFor();
    await dialog.getByLabel("Due after (days)").first().fill("2");
    await dialog.getByLabel("Default owner").first().selectOption("starter");
    await screenshot(page, "portal-playbook-template-edit");
    await dialog.getByRole("button", { name: "Save playbook" }).click();
    await page.getByText('Playbook "Low adoption" saved').waitFor();
    await dialog.waitFor({ state: "detached" });

    const table = page.getByRole("table", { name: "Low adoption tasks" });
    const row = table.getByRole("row", { name: /Review the usage report with the owner/ });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/2 days.*Whoever starts the playbook/);
    await screenshot(page, "portal-playbook-templates");

    const [saved] = await connection.db.select().from(playbooks).where(eq(playbooks.code, "low_adoption"));
    expect(saved?.steps[0]).toEqual({
      title: "Review the usage report with the owner",
      dueInDays: 2,
      owner: "starter",
    });
    const audits = await connection.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "playbook.updated"), eq(auditEvents.targetId, saved?.id ?? "")));
    expect(audits).toHaveLength(1);
  });
});
