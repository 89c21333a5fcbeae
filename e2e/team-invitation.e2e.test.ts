import { createConnection } from "@pp/db";
import { emailOutbox } from "@pp/db/schema";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { decodeQuotedPrintable, waitForInboxMail } from "../tooling/vitest/smtp-sink";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { signIn } from "./harness/sign-in";

const { tenantUrl, databaseUrl, owner, smtpInboxUrl } = inject("e2e");

const invitee = { email: "new-tech@e2e.test", password: "technician-pass-2026" };

describe("a teammate joins through the invitation email", () => {
  let ownerBrowser: BrowserSession;
  let inviteeBrowser: BrowserSession;
  const connection = createConnection(databaseUrl, 1);
  beforeAll(async () => {
    ownerBrowser = await openBrowser();
    inviteeBrowser = await openBrowser();
  });
  afterAll(async () => {
    await ownerBrowser.close();
    await inviteeBrowser.close();
    await connection.pool.end();
  });

  it("the owner invites a technician, who sets a password from the link and signs in to a read-only Team", async () => {
    const { page } = ownerBrowser;
    await signIn(page, tenantUrl, owner, new RegExp(`/t/${owner.slug}$`));
    await page.goto(`${tenantUrl}/t/${owner.slug}/team`);
    await page.locator("#invite-email").fill(invitee.email);
    await page.locator("#invite-role").selectOption("technician");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.getByText(`Invitation sent to ${invitee.email}`).waitFor();
    await page.locator("table tbody tr", { hasText: invitee.email }).waitFor();
    await screenshot(page, "team-invitation-sent");

    // The link only ever leaves the server in the email: the outbox row holds no link at all.
    const [queued] = await connection.db
      .select({ text: emailOutbox.text })
      .from(emailOutbox)
      .where(eq(emailOutbox.to, invitee.email))
      .orderBy(desc(emailOutbox.createdAt))
      .limit(1);
    expect(queued?.text).not.toMatch(/accept-invitation\?token=/);
    const mail = await waitForInboxMail(smtpInboxUrl, (message) => message.to.includes(invitee.email));
    const body = decodeQuotedPrintable(mail.raw);
    const link = body.match(/https?:\/\/\S+\/accept-invitation\?token=[A-Za-z0-9_-]+/)?.[0];
    expect(link, body).toBeTruthy();
    expect(link?.startsWith(`${tenantUrl}/accept-invitation?token=`)).toBe(true);

    const newcomer = inviteeBrowser.page;
    await newcomer.goto(link ?? "");
    await newcomer.getByRole("heading", { name: /^Join / }).waitFor();
    const card = await newcomer.locator("main").textContent();
    expect(card).toContain(invitee.email);
    expect(card).toContain("technician");
    await screenshot(newcomer, "team-invitation-accept");

    // A mismatched repeat is caught before anything is sent.
    await newcomer.getByLabel("Your name").fill("Nia Newtech");
    await newcomer.getByLabel("Password", { exact: true }).fill(invitee.password);
    await newcomer.getByLabel("Repeat the password").fill("something-else-entirely");
    await newcomer.getByRole("button", { name: "Join the team" }).click();
    await newcomer.getByText("The two passwords differ").waitFor();

    await newcomer.getByLabel("Repeat the password").fill(invitee.password);
    await newcomer.getByRole("button", { name: "Join the team" }).click();
    await newcomer.waitForURL(/\/sign-in$/, { timeout: 20_000 });

    await signIn(newcomer, tenantUrl, invitee, new RegExp(`/t/${owner.slug}$`));
    await newcomer.goto(`${tenantUrl}/t/${owner.slug}/team`);
    await newcomer.getByText("Only owners can invite people or change roles.").waitFor();
    expect(await newcomer.getByRole("button", { name: "Send invitation" }).count()).toBe(0);
    const me = newcomer.locator("table tbody tr", { hasText: invitee.email });
    await expect(me.textContent()).resolves.toMatch(/Nia Newtech[\s\S]*Technician/);
    await screenshot(newcomer, "team-invitation-technician-team");

    // The link worked once.
    await newcomer.goto(link ?? "");
    await newcomer.getByRole("heading", { name: "This link does not work" }).waitFor();
  });
});
