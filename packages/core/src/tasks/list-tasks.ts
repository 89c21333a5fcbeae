import { db, type Executor } from "@pp/db";
import { TASK_STATUSES, tasks, tenants, users } from "@pp/db/schema";
import { and, asc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { StaffActor } from "../auth/actors";
import { decodeCursor, type Page, page, ZPageQuery } from "../pagination";
import { parseInput } from "../parse-input";

/** My tasks' views: mine, the whole team's, overdue ones, and those due in the next 7 days. */
export const TASK_VIEWS = ["mine", "team", "overdue", "week"] as const;
export type TaskView = (typeof TASK_VIEWS)[number];

export const ZListTasks = ZPageQuery.extend({
  view: z.enum(TASK_VIEWS).default("mine"),
  status: z.enum([...TASK_STATUSES, "all"]).default("open"),
  tenantId: z.uuid("must be a client id").optional(),
  ownerId: z.string().min(1).max(100).optional(),
});
export type TListTasks = z.input<typeof ZListTasks>;

export type TaskRow = {
  id: string;
  tenantId: string | null;
  tenantName: string | null;
  title: string;
  description: string | null;
  kind: string;
  status: (typeof TASK_STATUSES)[number];
  ownerId: string | null;
  ownerName: string | null;
  dueAt: Date | null;
  completedAt: Date | null;
  playbookRunId: string | null;
  createdAt: Date;
};

const ZCursor = z.object({ due: z.string().nullable(), id: z.uuid() });
const DAY_MS = 86_400_000;
// Tasks without a due date sort after every dated one.
const dueKey = sql`coalesce(${tasks.dueAt}, 'infinity'::timestamptz)`;

/** Tasks by due date (undated last): one view across clients, or one client's with `tenantId`. */
export async function listTasks(
  options: TListTasks & { actor: StaffActor; now?: Date },
  executor: Executor = db,
): Promise<Page<TaskRow>> {
  const { actor, now = new Date(), ...input } = options;
  const query = parseInput(ZListTasks, input);
  const where: SQL[] = [];
  if (query.status !== "all") where.push(eq(tasks.status, query.status));
  if (query.tenantId) where.push(eq(tasks.tenantId, query.tenantId));
  if (query.ownerId) where.push(eq(tasks.ownerId, query.ownerId));
  else if (query.view === "mine" && !query.tenantId) where.push(eq(tasks.ownerId, actor.userId));
  if (query.view === "overdue") where.push(lt(tasks.dueAt, now), eq(tasks.status, "open"));
  if (query.view === "week") where.push(gte(tasks.dueAt, now), lt(tasks.dueAt, new Date(now.getTime() + 7 * DAY_MS)));
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, ZCursor);
    const due = cursor.due === null ? sql`'infinity'::timestamptz` : sql`${cursor.due}::timestamptz`;
    where.push(sql`(${dueKey}, ${tasks.id}) > (${due}, ${cursor.id})`);
  }
  const rows = await executor
    .select({
      id: tasks.id,
      tenantId: tasks.tenantId,
      tenantName: tenants.name,
      title: tasks.title,
      description: tasks.description,
      kind: tasks.kind,
      status: tasks.status,
      ownerId: tasks.ownerId,
      ownerName: users.name,
      dueAt: tasks.dueAt,
      completedAt: tasks.completedAt,
      playbookRunId: tasks.playbookRunId,
      createdAt: tasks.createdAt,
    })
    .from(tasks)
    .leftJoin(tenants, eq(tenants.id, tasks.tenantId))
    .leftJoin(users, eq(users.id, tasks.ownerId))
    .where(and(...where))
    .orderBy(asc(dueKey), asc(tasks.id))
    .limit(query.limit + 1);
  return page(rows, query.limit, (last) => ({ due: last.dueAt ? last.dueAt.toISOString() : null, id: last.id }));
}
