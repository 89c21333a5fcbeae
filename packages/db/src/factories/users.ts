import { hashPassword } from "better-auth/crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { accounts, memberships, type STAFF_ROLES, staffMembers, type TENANT_ROLES, users } from "../schema";
import { newId, uniqueSuffix } from "./ids";

export type User = typeof users.$inferSelect;
export type TenantRole = (typeof TENANT_ROLES)[number];
export type StaffRole = (typeof STAFF_ROLES)[number];

export type UserInput = { email?: string; name?: string; password?: string; emailVerified?: boolean };

/**
 * A Better Auth user. With `password`, also the `credential` account Better Auth signs in
 * with (scrypt hash); without one the user can only sign in another way (SSO, magic link).
 */
export async function createUser(executor: Executor, input: UserInput = {}): Promise<User> {
  const suffix = uniqueSuffix();
  const [user] = await executor
    .insert(users)
    .values({
      id: newId(),
      name: input.name ?? `Test User ${suffix}`,
      email: input.email ?? `user-${suffix}@example.test`,
      emailVerified: input.emailVerified ?? true,
    })
    .returning();
  if (!user) throw new Error("user insert returned no row");
  if (input.password !== undefined) await setPassword(executor, { userId: user.id, password: input.password });
  return user;
}

export async function findUserByEmail(executor: Executor, email: string): Promise<User | undefined> {
  const [user] = await executor
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
    .limit(1);
  return user;
}

/** Sets (or first creates) the user's email-and-password credential. */
export async function setPassword(executor: Executor, input: { userId: string; password: string }): Promise<void> {
  const hash = await hashPassword(input.password);
  const updated = await executor
    .update(accounts)
    .set({ password: hash, updatedAt: new Date() })
    .where(and(eq(accounts.userId, input.userId), eq(accounts.providerId, "credential")))
    .returning({ id: accounts.id });
  if (updated.length > 0) return;
  await executor
    .insert(accounts)
    .values({ id: newId(), userId: input.userId, accountId: input.userId, providerId: "credential", password: hash });
}

export type MemberInput = UserInput & { tenantId: string; role?: TenantRole; userId?: string };

/** A tenant-app user in `tenantId` with `role`: an existing user (`userId`) or a new one. */
export async function createMember(executor: Executor, input: MemberInput) {
  const user = input.userId
    ? await requireUser(executor, input.userId)
    : await createUser(executor, { ...input, email: input.email ?? `member-${uniqueSuffix()}@example.test` });
  const [membership] = await executor
    .insert(memberships)
    .values({ tenantId: input.tenantId, userId: user.id, role: input.role ?? "technician" })
    .onConflictDoUpdate({
      target: [memberships.tenantId, memberships.userId],
      set: { role: input.role ?? "technician" },
    })
    .returning();
  if (!membership) throw new Error("membership insert returned no row");
  return { user, membership };
}

export type StaffInput = UserInput & { role: StaffRole };

/** A Provider Portal staff user with `role`. */
export async function createStaffUser(executor: Executor, input: StaffInput) {
  const user = await createUser(executor, {
    ...input,
    name: input.name ?? `Staff ${input.role}`,
    email: input.email ?? `${input.role}-${uniqueSuffix()}@staff.test`,
  });
  const [staff] = await executor.insert(staffMembers).values({ userId: user.id, role: input.role }).returning();
  if (!staff) throw new Error("staff insert returned no row");
  return { user, staff };
}

async function requireUser(executor: Executor, userId: string): Promise<User> {
  const [user] = await executor.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw new Error(`user ${userId} does not exist`);
  return user;
}
