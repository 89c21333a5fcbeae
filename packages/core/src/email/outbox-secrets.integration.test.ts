import { randomUUID } from "node:crypto";
import { db } from "@pp/db";
import { emailOutbox } from "@pp/db/schema";
import { resetEnv } from "@pp/env";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeQuotedPrintable, type SmtpSink, startSmtpSink } from "../../../../tooling/vitest/smtp-sink";
import { deliverOutbox } from "./deliver-outbox";
import { enqueueEmail } from "./enqueue-email";
import { OUTBOX_LINK } from "./outbox-link";

let smtp: SmtpSink;

beforeAll(async () => {
  smtp = await startSmtpSink();
  process.env.EMAIL_SMTP_URL = smtp.url;
  resetEnv();
});

afterAll(async () => {
  delete process.env.EMAIL_SMTP_URL;
  resetEnv();
  await smtp.close();
});

/** Every table whose any row, as text, contains `needle`. */
async function tablesContaining(needle: string): Promise<string[]> {
  const tables = await db.execute<{ name: string }>(
    sql`select quote_ident(table_name) as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const found: string[] = [];
  for (const { name } of tables.rows) {
    const hit = await db.execute(sql`select 1 from ${sql.raw(name)} t where t::text like ${`%${needle}%`} limit 1`);
    if (hit.rows.length > 0) found.push(name);
  }
  return found;
}

describe("one-time links in the outbox", () => {
  it("are never readable in the database: encrypted while queued, merged in when sent, erased after", async () => {
    const token = `tok-${randomUUID()}`;
    const to = `invitee-${randomUUID().slice(0, 8)}@outbox.test`;
    const { id } = await enqueueEmail({
      to,
      subject: "Join us",
      text: `Open ${OUTBOX_LINK} to join.`,
      kind: "team_invitation",
      secretLink: `https://app.example.com/accept-invitation?token=${token}`,
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect(await tablesContaining(token)).toEqual([]);

    await deliverOutbox();
    const mail = await smtp.waitFor(to);
    expect(decodeQuotedPrintable(mail.raw)).toContain(
      `Open https://app.example.com/accept-invitation?token=${token} to join.`,
    );
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    expect(row).toMatchObject({ status: "sent", secretCiphertext: null, text: `Open ${OUTBOX_LINK} to join.` });
    expect(await tablesContaining(token)).toEqual([]);
  });

  it("drops a queued message once it expires, unsent, and erases its link", async () => {
    const to = `late-${randomUUID().slice(0, 8)}@outbox.test`;
    const { id } = await enqueueEmail({
      to,
      subject: "Reset your password",
      text: `Reset: ${OUTBOX_LINK}`,
      kind: "password_reset",
      secretLink: "https://app.example.com/api/auth/reset-password/abc",
      expiresAt: new Date(Date.now() - 1000),
    });
    const result = await deliverOutbox();
    expect(result.expired).toBeGreaterThanOrEqual(1);
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    expect(row).toMatchObject({
      status: "failed",
      lastError: "expired before it could be sent",
      secretCiphertext: null,
    });
    expect(smtp.received.some((message) => message.to.includes(to))).toBe(false);
  });

  it("refuses a link without a place in the text, and a place without a link", async () => {
    await expect(
      enqueueEmail({ to: "a@outbox.test", subject: "s", text: "no marker", kind: "k", secretLink: "https://x" }),
    ).rejects.toThrow(/OUTBOX_LINK/);
    await expect(enqueueEmail({ to: "a@outbox.test", subject: "s", text: OUTBOX_LINK, kind: "k" })).rejects.toThrow(
      /no secretLink/,
    );
  });
});
