import { db } from "@pp/db";
import { emailOutbox } from "@pp/db/schema";
import { env } from "@pp/env";
import { and, eq, gt, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { renderOutboxText } from "./outbox-link";

const MAX_ATTEMPTS = 5;
let transporter: Transporter | undefined;
let transporterUrl: string | undefined;

function smtp(url: string): Transporter {
  if (!transporter || transporterUrl !== url) {
    transporter = nodemailer.createTransport(url);
    transporterUrl = url;
  }
  return transporter;
}

/**
 * Sends queued emails over EMAIL_SMTP_URL. Without SMTP the outbox is the record of what would
 * be sent. Rows are claimed with SKIP LOCKED so several workers never send the same email twice.
 * A one-time link is decrypted and merged in only here, and erased from the row once the message
 * is sent or given up on; a message past its `expires_at` is dropped unsent.
 */
export async function deliverOutbox(
  options: { limit?: number; now?: Date } = {},
): Promise<{ sent: number; failed: number; expired: number }> {
  const now = options.now ?? new Date();
  const expired = await expireOutbox(now);
  const url = env().EMAIL_SMTP_URL;
  if (!url) return { sent: 0, failed: 0, expired };
  const claimed = await db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(emailOutbox)
      .where(
        and(
          eq(emailOutbox.status, "queued"),
          lt(emailOutbox.attempts, MAX_ATTEMPTS),
          or(isNull(emailOutbox.expiresAt), gt(emailOutbox.expiresAt, now)),
        ),
      )
      .orderBy(emailOutbox.createdAt)
      .limit(options.limit ?? 50)
      .for("update", { skipLocked: true });
    if (rows.length > 0) {
      await tx
        .update(emailOutbox)
        .set({ attempts: sql`${emailOutbox.attempts} + 1` })
        .where(
          inArray(
            emailOutbox.id,
            rows.map((row) => row.id),
          ),
        );
    }
    return rows;
  });
  let sent = 0;
  let failed = 0;
  for (const row of claimed) {
    try {
      await smtp(url).sendMail({
        from: env().EMAIL_FROM,
        to: row.to,
        subject: row.subject,
        text: renderOutboxText(row),
        html: row.html ?? undefined,
        headers: row.headers,
        attachments: row.attachments.map((file) => ({
          filename: file.filename,
          content: file.content,
          contentType: file.contentType,
        })),
      });
      await db
        .update(emailOutbox)
        .set({ status: "sent", sentAt: new Date(), lastError: null, secretCiphertext: null })
        .where(eq(emailOutbox.id, row.id));
      sent++;
    } catch (error) {
      const finalAttempt = row.attempts + 1 >= MAX_ATTEMPTS;
      await db
        .update(emailOutbox)
        .set({
          status: finalAttempt ? "failed" : "queued",
          lastError: String(error),
          ...(finalAttempt ? { secretCiphertext: null } : {}),
        })
        .where(eq(emailOutbox.id, row.id));
      failed++;
    }
  }
  return { sent, failed, expired };
}

/** Queued messages past their expiry are given up on, and their links erased. */
async function expireOutbox(now: Date): Promise<number> {
  const rows = await db
    .update(emailOutbox)
    .set({ status: "failed", lastError: "expired before it could be sent", secretCiphertext: null })
    .where(and(eq(emailOutbox.status, "queued"), lte(emailOutbox.expiresAt, now)))
    .returning({ id: emailOutbox.id });
  return rows.length;
}
