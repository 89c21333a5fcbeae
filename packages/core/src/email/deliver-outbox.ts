import { db } from "@pp/db";
import { emailOutbox } from "@pp/db/schema";
import { env } from "@pp/env";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";

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
 * be sent. Rows are claimed with SKIP LOCKED so several workers never
 * send the same email twice.
 */
export async function deliverOutbox(options: { limit?: number } = {}): Promise<{ sent: number; failed: number }> {
  const url = env().EMAIL_SMTP_URL;
  if (!url) return { sent: 0, failed: 0 };
  const claimed = await db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.status, "queued"), lt(emailOutbox.attempts, MAX_ATTEMPTS)))
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
        text: row.text,
        html: row.html ?? undefined,
      });
      await db
        .update(emailOutbox)
        .set({ status: "sent", sentAt: new Date(), lastError: null })
        .where(eq(emailOutbox.id, row.id));
      sent++;
    } catch (error) {
      const finalAttempt = row.attempts + 1 >= MAX_ATTEMPTS;
      await db
        .update(emailOutbox)
        .set({ status: finalAttempt ? "failed" : "queued", lastError: String(error) })
        .where(eq(emailOutbox.id, row.id));
      failed++;
    }
  }
  return { sent, failed };
}
