import { db } from "@pp/db";
import { createMember, createTenant, ensureReferenceData } from "@pp/db/factories";
import { emailOutbox } from "@pp/db/schema";
import { resetEnv } from "@pp/env";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeQuotedPrintable, startSmtpSink } from "../../../../tooling/vitest/smtp-sink";
import { deliverOutbox } from "../email/deliver-outbox";
import { createAuth } from "./create-auth";

describe("password reset by email", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    process.env.EMAIL_SMTP_URL = smtp.url;
    process.env.AUTH_SECRET = "test-secret-that-is-long-enough-for-better-auth";
    resetEnv();
  });
  afterAll(async () => {
    delete process.env.EMAIL_SMTP_URL;
    resetEnv();
    await smtp.close();
  });

  it("mails a link through the outbox and SMTP; the link sets a new password; unknown emails look the same", async () => {
    await ensureReferenceData(db);
    const tenant = await createTenant(db, {});
    const { user } = await createMember(db, {
      tenantId: tenant.id,
      role: "owner",
      email: "reset-me@example.test",
      password: "old-password-123",
    });
    const auth = createAuth("tenant", "http://localhost:3001");

    const known = await auth.api.requestPasswordReset({ body: { email: user.email, redirectTo: "/reset-password" } });
    const unknown = await auth.api.requestPasswordReset({
      body: { email: "nobody@example.test", redirectTo: "/reset-password" },
    });
    expect(unknown).toEqual(known);

    const queued = await db.select().from(emailOutbox).where(eq(emailOutbox.to, user.email));
    expect(queued).toHaveLength(1);
    expect(queued[0]?.kind).toBe("password_reset");
    // The queued row holds no usable link: only the marker, with the link encrypted beside it.
    expect(queued[0]?.text).not.toMatch(/reset-password\//);
    expect(queued[0]?.secretCiphertext).toMatch(/^[A-Za-z0-9_-]+:/);
    expect(queued[0]?.secretCiphertext).not.toMatch(/reset-password/);
    expect(queued[0]?.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);

    await deliverOutbox();
    const mail = await smtp.waitFor(user.email);
    const body = decodeQuotedPrintable(mail.raw);
    expect(body).toContain("Reset your TradeDesk password");
    const token = body.match(/\/api\/auth\/reset-password\/([A-Za-z0-9_-]+)/)?.[1];
    expect(token).toBeTruthy();
    // The request also starts an immediate send (deliverOutboxSoon): whichever sender claimed the
    // row marks it sent once SMTP has accepted the message, which can be just after it arrives.
    await expect
      .poll(async () => (await db.select().from(emailOutbox).where(eq(emailOutbox.to, user.email)))[0]?.status, {
        timeout: 10_000,
      })
      .toBe("sent");
    // Once sent, the encrypted link is erased too.
    const [sentRow] = await db.select().from(emailOutbox).where(eq(emailOutbox.to, user.email));
    expect(sentRow?.secretCiphertext).toBeNull();
    expect(JSON.stringify(sentRow)).not.toContain(token ?? "no-token");

    await auth.api.resetPassword({ body: { newPassword: "new-password-456", token: token ?? "" } });
    await expect(auth.api.signInEmail({ body: { email: user.email, password: "old-password-123" } })).rejects.toThrow();
    const signedIn = await auth.api.signInEmail({ body: { email: user.email, password: "new-password-456" } });
    expect(signedIn.user.email).toBe(user.email);
  });
});
