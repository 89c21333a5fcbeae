import { db, type Executor } from "@pp/db";
import { staffMembers, users } from "@pp/db/schema";
import { and, asc, eq, ne } from "drizzle-orm";

/** Who can own a client or a task: active staff who may write (viewers only read). */
export async function listAssignableStaff(executor: Executor = db): Promise<{ userId: string; name: string }[]> {
  return executor
    .select({ userId: staffMembers.userId, name: users.name })
    .from(staffMembers)
    .innerJoin(users, eq(users.id, staffMembers.userId))
    .where(and(eq(staffMembers.status, "active"), ne(staffMembers.role, "viewer")))
    .orderBy(asc(users.name));
}
