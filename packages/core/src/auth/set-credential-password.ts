import type { Executor } from "@pp/db";
import { accounts } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";

/** Better Auth's own limits for email-and-password accounts (10 here, 128 its maximum). */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

/** Sets the email-and-password credential Better Auth signs in with; true when one existed already. */
export async function setCredentialPassword(
  tx: Executor,
  userId: string,
  passwordHash: string,
  now: Date,
): Promise<boolean> {
  const updated = await tx
    .update(accounts)
    .set({ password: passwordHash, updatedAt: now })
    .where(and(eq(accounts.userId, userId), eq(accounts.providerId, "credential")))
    .returning({ id: accounts.id });
  if (updated.length > 0) return true;
  await tx
    .insert(accounts)
    .values({ id: uuidv7(), userId, accountId: userId, providerId: "credential", password: passwordHash });
  return false;
}
