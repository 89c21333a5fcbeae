import type { Executor } from "@pp/db";
import { staffMembers } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { staffCan } from "../auth/permissions";
import { AppError } from "../errors";

/** An incident goes only to active staff who may work incidents; anyone else is a field error. */
export async function assertAssignableStaff(userId: string, executor: Executor): Promise<void> {
  const [member] = await executor
    .select({ role: staffMembers.role })
    .from(staffMembers)
    .where(and(eq(staffMembers.userId, userId), eq(staffMembers.status, "active")))
    .limit(1);
  if (!member || !staffCan(member.role, "incidents:write")) {
    throw new AppError("validation_failed", 'Invalid field "assigneeId"', {
      details: [{ path: "assigneeId", message: "must be an active staff member who works incidents" }],
    });
  }
}
