import { db, type Executor } from "@pp/db";
import { type EmailAttachment, emailOutbox } from "@pp/db/schema";
import { encryptSecret } from "../crypto/encrypt-secret";
import { OUTBOX_LINK } from "./outbox-link";

export type EmailInput = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** What the email is for, e.g. `password_reset`, `team_invitation`, `invoice_reminder`. */
  kind: string;
  tenantId?: string | null;
  related?: { type: string; id: string };
  /**
   * A one-time link (invitation, password reset): `text` says OUTBOX_LINK where it goes; it is
   * stored encrypted, merged in at send time and erased once sent, failed or expired.
   */
  secretLink?: string;
  /** Files sent with it (a digest's CSVs), kept with the outbox row. */
  attachments?: EmailAttachment[];
  /** Extra header fields, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string>;
  /** Not sent after this (e.g. when the link expires); queued messages past it are dropped. */
  expiresAt?: Date;
};

/** Queues an email in the outbox (in the caller's transaction); `deliverOutbox` sends it. */
export async function enqueueEmail(input: EmailInput, executor: Executor = db): Promise<{ id: string }> {
  if (input.secretLink !== undefined && !input.text.includes(OUTBOX_LINK)) {
    throw new Error("enqueueEmail: a secretLink needs OUTBOX_LINK in the text to say where it goes");
  }
  if (input.secretLink === undefined && input.text.includes(OUTBOX_LINK)) {
    throw new Error("enqueueEmail: the text has OUTBOX_LINK but no secretLink");
  }
  const [row] = await executor
    .insert(emailOutbox)
    .values({
      to: input.to,
      subject: input.subject,
      text: input.text,
      html: input.html ?? null,
      attachments: input.attachments ?? [],
      headers: input.headers ?? {},
      kind: input.kind,
      tenantId: input.tenantId ?? null,
      relatedType: input.related?.type ?? null,
      relatedId: input.related?.id ?? null,
      secretCiphertext: input.secretLink === undefined ? null : encryptSecret(input.secretLink).ciphertext,
      expiresAt: input.expiresAt ?? null,
    })
    .returning({ id: emailOutbox.id });
  if (!row) throw new Error("email_outbox insert returned no row");
  return row;
}
