import { env } from "@pp/env";
import { deliverOutbox } from "../email/deliver-outbox";

const OUTBOX_INTERVAL_MS = 15_000;

/**
 * Runs once when an app's server starts (Next.js instrumentation): validates the environment so a
 * bad variable stops the app with its name, and starts the email outbox sender when SMTP is set.
 */
export function startAppRuntime(app: "portal" | "tenant"): void {
  const config = env();
  if (!config.authSecret) {
    throw new Error("AUTH_SECRET (or NEXTAUTH_SECRET) is not set: sessions cannot be signed. See .env.example.");
  }
  if (config.EMAIL_SMTP_URL && app === "portal") {
    // One app drains the shared outbox on a timer; the other sends its own mail right away (deliverOutboxSoon).
    setInterval(() => void deliverOutbox().catch(() => undefined), OUTBOX_INTERVAL_MS).unref();
  }
}
