import { db, type Executor } from "@pp/db";
import { notes, users } from "@pp/db/schema";
import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { decodeCursor, type Page, page, ZPageQuery } from "../pagination";
import { parseInput } from "../parse-input";
import { getTenantOrThrow } from "../success/get-tenant-or-throw";

export const ZListNotes = ZPageQuery.extend({ tenantId: z.string().min(1).max(100) });

export type NoteRow = {
  id: string;
  body: string;
  authorId: string | null;
  authorName: string | null;
  pinnedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

const ZCursor = z.object({ pinned: z.boolean(), at: z.iso.datetime(), id: z.uuid() });
const pinnedKey = sql<boolean>`(${notes.pinnedAt} is not null)`;

/** A client's notes: pinned first, then newest first. */
export async function listNotes(input: z.input<typeof ZListNotes>, executor: Executor = db): Promise<Page<NoteRow>> {
  const query = parseInput(ZListNotes, input);
  const tenant = await getTenantOrThrow({ tenantId: query.tenantId }, executor);
  const where: SQL[] = [eq(notes.tenantId, tenant.id)];
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, ZCursor);
    where.push(
      sql`(${pinnedKey}, ${notes.createdAt}, ${notes.id}) < (${cursor.pinned}, ${cursor.at}::timestamptz, ${cursor.id})`,
    );
  }
  const rows = await executor
    .select({
      id: notes.id,
      body: notes.body,
      authorId: notes.authorId,
      authorName: users.name,
      pinnedAt: notes.pinnedAt,
      createdAt: notes.createdAt,
      updatedAt: notes.updatedAt,
    })
    .from(notes)
    .leftJoin(users, eq(users.id, notes.authorId))
    .where(and(...where))
    .orderBy(desc(pinnedKey), desc(notes.createdAt), desc(notes.id))
    .limit(query.limit + 1);
  return page(rows, query.limit, (last) => ({
    pinned: last.pinnedAt !== null,
    at: last.createdAt.toISOString(),
    id: last.id,
  }));
}
