import { db, type Executor } from "@pp/db";
import { staffMembers, users, verifications } from "@pp/db/schema";
import { and, asc, eq, ilike, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { decodeCursor, type Page, page } from "../pagination";
import { likePattern } from "../tenants/like-pattern";
import { INVITATION_IDENTIFIER_PREFIX, type StaffRole, type StaffStatus } from "./staff-rules";

export type ListStaffOptions = {
  /** Matches name or email, case-insensitively, anywhere in the text. */
  search?: string;
  status?: StaffStatus;
  role?: StaffRole;
  cursor?: string;
  limit?: number;
};

export type StaffListItem = {
  id: string;
  userId: string;
  name: string;
  email: string;
  role: StaffRole;
  status: StaffStatus;
  invitedBy: { id: string; name: string } | null;
  /** When the membership began (the invitation for invited and later members). */
  since: Date;
  deactivatedAt: Date | null;
  /** For invited members: when their current link stops working (null once accepted or voided). */
  invitationExpiresAt: Date | null;
};

const ZCursor = z.object({ name: z.string(), id: z.uuid() });
const MAX_LIMIT = 100;

/** Provider staff A→Z by name, with who invited them; keyset-paginated on (name, id). */
export async function listStaff(options: ListStaffOptions = {}, executor: Executor = db): Promise<Page<StaffListItem>> {
  const limit = Math.min(Math.max(options.limit ?? 25, 1), MAX_LIMIT);
  const inviter = alias(users, "inviter");
  const sortName = sql<string>`lower(${users.name})`;

  const filters: (SQL | undefined)[] = [
    options.status ? eq(staffMembers.status, options.status) : undefined,
    options.role ? eq(staffMembers.role, options.role) : undefined,
  ];
  const search = options.search?.trim();
  if (search) {
    const pattern = likePattern(search);
    filters.push(or(ilike(users.name, pattern), ilike(users.email, pattern)));
  }
  if (options.cursor) {
    const position = decodeCursor(options.cursor, ZCursor);
    filters.push(sql`(${sortName}, ${staffMembers.id}) > (${position.name}::text, ${position.id}::uuid)`);
  }

  const rows = await executor
    .select({
      id: staffMembers.id,
      userId: staffMembers.userId,
      name: users.name,
      email: users.email,
      role: staffMembers.role,
      status: staffMembers.status,
      inviterId: inviter.id,
      inviterName: inviter.name,
      since: staffMembers.createdAt,
      deactivatedAt: staffMembers.deactivatedAt,
      invitationExpiresAt: sql<Date | null>`(
        select max(${verifications.expiresAt}) from ${verifications}
        where ${verifications.identifier} = ${INVITATION_IDENTIFIER_PREFIX} || ${staffMembers.id}::text
      )`.mapWith((value: string | Date | null) => (value === null ? null : new Date(value))),
      sortName,
    })
    .from(staffMembers)
    .innerJoin(users, eq(users.id, staffMembers.userId))
    .leftJoin(inviter, eq(inviter.id, staffMembers.invitedBy))
    .where(and(...filters))
    .orderBy(asc(sortName), asc(staffMembers.id))
    .limit(limit + 1);

  const result = page(rows, limit, (row) => ({ name: row.sortName, id: row.id }));
  return {
    nextCursor: result.nextCursor,
    data: result.data.map((row) => ({
      id: row.id,
      userId: row.userId,
      name: row.name,
      email: row.email,
      role: row.role,
      status: row.status,
      invitedBy: row.inviterId && row.inviterName !== null ? { id: row.inviterId, name: row.inviterName } : null,
      since: row.since,
      deactivatedAt: row.deactivatedAt,
      invitationExpiresAt: row.status === "invited" ? row.invitationExpiresAt : null,
    })),
  };
}
