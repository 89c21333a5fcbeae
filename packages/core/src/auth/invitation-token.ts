import { createHash, randomBytes } from "node:crypto";
import type { Executor } from "@pp/db";
import { verifications } from "@pp/db/schema";
import { and, eq, like } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";

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

/**
 * The verifications row holding this token's hash under `prefix` (`staff-invite:`, `tenant-invite:`),
 * with the id its identifier names after the prefix. `lock` holds the row for the transaction.
 */
export async function findInvitationLink(
  executor: Executor,
  options: { token: string; prefix: string; lock?: boolean },
): Promise<{ id: string; subjectId: string; expiresAt: Date }[]> {
  const query = executor
    .select({ id: verifications.id, identifier: verifications.identifier, expiresAt: verifications.expiresAt })
    .from(verifications)
    .where(
      and(
        eq(verifications.value, hashInvitationToken(options.token)),
        like(verifications.identifier, `${options.prefix}%`),
      ),
    )
    .limit(1);
  const rows = options.lock ? await query.for("update") : await query;
  return rows.map((row) => ({
    id: row.id,
    subjectId: row.identifier.slice(options.prefix.length),
    expiresAt: row.expiresAt,
  }));
}

/** One live link per invitation: a renewed invitation's token replaces the old link's hash. */
export async function replaceInvitationLink(
  executor: Executor,
  options: { identifier: string; token: string; expiresAt: Date; now: Date },
): Promise<void> {
  await executor.delete(verifications).where(eq(verifications.identifier, options.identifier));
  await executor.insert(verifications).values({
    id: uuidv7(),
    identifier: options.identifier,
    value: hashInvitationToken(options.token),
    expiresAt: options.expiresAt,
    createdAt: options.now,
    updatedAt: options.now,
  });
}
