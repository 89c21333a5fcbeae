import { db, type Executor } from "@pp/db";
import { STAFF_ROLES, staffMembers, users } from "@pp/db/schema";
import { and, asc, eq, inArray } from "drizzle-orm";
import { staffCan } from "../auth/permissions";

/** Active staff who may work incidents, for the assignee pickers and filters. */
export async function listIncidentAssignees(executor: Executor = db): Promise<{ value: string; label: string }[]> {
  const roles = STAFF_ROLES.filter((role) => staffCan(role, "incidents:write"));
  const rows = await executor
    .select({ id: users.id, name: users.name, email: users.email })
    .from(staffMembers)
    .innerJoin(users, eq(users.id, staffMembers.userId))
    .where(and(eq(staffMembers.status, "active"), inArray(staffMembers.role, roles)))
    .orderBy(asc(users.name));
  return rows.map((row) => ({ value: row.id, label: row.name || row.email }));
}
