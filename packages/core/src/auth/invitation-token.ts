import { createHash, randomBytes } from "node:crypto";

/** Staff and team invitations both stay open for a week. */
export const INVITATION_TTL_DAYS = 7;

/** 32 random bytes, base64url: the secret in the emailed link. Only its hash is stored. */
export function createInvitationToken(): string {
  return randomBytes(32).toString("base64url");
}

/** SHA-256 (hex) of the token: what the verifications row keeps, so a database leak opens nothing. */
export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function invitationExpiry(now: Date): Date {
  return new Date(now.getTime() + INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000);
}
