import { db, type Executor } from "@pp/db";
import { STAFF_ROLES, staffMembers, users } from "@pp/db/schema";
import { and, asc, eq, inArray } from "drizzle-orm";
import { staffCan } from "../auth/permissions";

/** The roles that may own a client or a task: those that may work tasks (viewers, billing and support only read them). */
export const TASK_OWNER_ROLES = STAFF_ROLES.filter((role) => staffCan(role, "success:write"));

/** Who can own a client or a task: active staff whose role may write tasks. */
export async function listAssignableStaff(executor: Executor = db): Promise<{ userId: string; name: string }[]> {
  return executor
    .select({ userId: staffMembers.userId, name: users.name })
    .from(staffMembers)
    .innerJoin(users, eq(users.id, staffMembers.userId))
    .where(and(eq(staffMembers.status, "active"), inArray(staffMembers.role, TASK_OWNER_ROLES)))
    .orderBy(asc(users.name));
}
