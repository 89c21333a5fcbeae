import { decryptSecret } from "../crypto/encrypt-secret";

/**
 * Where a queued email's one-time link goes. The outbox keeps the text with this marker and the
 * link itself encrypted (`secret_ciphertext`), so a read of the database never yields a usable
 * invitation or reset link; the link is merged in only when the message is sent.
 */
export const OUTBOX_LINK = "{{one-time-link}}";

/** The text as it is sent: the marker replaced by the decrypted link. */
export function renderOutboxText(row: { text: string; secretCiphertext: string | null }): string {
  if (!row.secretCiphertext) return row.text;
  return row.text.split(OUTBOX_LINK).join(decryptSecret(row.secretCiphertext));
}
