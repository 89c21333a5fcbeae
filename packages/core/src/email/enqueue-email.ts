import { db, type Executor } from "@pp/db";
import { emailOutbox } from "@pp/db/schema";

export type EmailInput = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** What the email is for, e.g. `password_reset`, `team_invitation`, `invoice_reminder`. */
  kind: string;
  tenantId?: string | null;
  related?: { type: string; id: string };
};

/** Queues an email in the outbox (in the caller's transaction); `deliverOutbox` sends it. */
export async function enqueueEmail(input: EmailInput, executor: Executor = db): Promise<{ id: string }> {
  const [row] = await executor
    .insert(emailOutbox)
    .values({
      to: input.to,
      subject: input.subject,
      text: input.text,
      html: input.html ?? null,
      kind: input.kind,
      tenantId: input.tenantId ?? null,
      relatedType: input.related?.type ?? null,
      relatedId: input.related?.id ?? null,
    })
    .returning({ id: emailOutbox.id });
  if (!row) throw new Error("email_outbox insert returned no row");
  return row;
}
