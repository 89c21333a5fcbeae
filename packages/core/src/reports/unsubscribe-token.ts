import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@pp/env";
import { AppError } from "../errors";

/** Its own key, derived from AUTH_SECRET, so an unsubscribe signature is good for nothing else. */
function key(): Buffer {
  const secret = env().authSecret;
  if (!secret) throw new Error("AUTH_SECRET (or NEXTAUTH_SECRET) must be set to sign unsubscribe links");
  return createHmac("sha256", secret).update("pp-report-unsubscribe").digest();
}

function signatureOf(subscriptionId: string): Buffer {
  return createHmac("sha256", key()).update(`report-subscription:${subscriptionId}`).digest();
}

/** `<subscription id>.<HMAC-SHA256, base64url>`: opens the one-click unsubscribe of that subscription only. */
export function signUnsubscribeToken(subscriptionId: string): string {
  return `${subscriptionId}.${signatureOf(subscriptionId).toString("base64url")}`;
}

/** The subscription id a token was signed for; a malformed or tampered token is a 400. */
export function verifyUnsubscribeToken(token: string): string {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  const invalid = new AppError("validation_failed", "This unsubscribe link is not valid — it may have been cut short", {
    details: [{ path: "token", message: "is not a valid unsubscribe link" }],
  });
  if (!match?.[1] || !match[2]) throw invalid;
  // Compared as text: decoding would ignore the last character's padding bits, so two spellings
  // of one signature would both pass.
  const given = Buffer.from(match[2], "utf8");
  const expected = Buffer.from(signatureOf(match[1]).toString("base64url"), "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid;
  return match[1];
}

/** The link in the digest's footer and List-Unsubscribe header. */
export function unsubscribeUrlOf(subscriptionId: string): string {
  return `${env().portalUrl}/reports/unsubscribe?token=${encodeURIComponent(signUnsubscribeToken(subscriptionId))}`;
}

/** Where the one-click POST goes (RFC 8058): the API route, which needs no session. */
export function oneClickUnsubscribeUrlOf(subscriptionId: string): string {
  return `${env().portalUrl}/api/reports/unsubscribe?token=${encodeURIComponent(signUnsubscribeToken(subscriptionId))}`;
}
