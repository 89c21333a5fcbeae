import { env } from "@pp/env";
import { deliverOutbox } from "./deliver-outbox";

let pending: Promise<unknown> | undefined;

/** Sends queued email in the background right after the current work; never blocks or throws. */
export function deliverOutboxSoon(): void {
  if (!env().EMAIL_SMTP_URL || pending) return;
  pending = new Promise((resolve) => setTimeout(resolve, 10))
    .then(() => deliverOutbox())
    .catch(() => undefined)
    .finally(() => {
      pending = undefined;
    });
}
