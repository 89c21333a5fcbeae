import { ZPageQuery } from "@pp/core/pagination";
import type { TCreateTask } from "@pp/core/tasks/create-task";
import { TASK_VIEWS } from "@pp/core/tasks/list-tasks";
import { TASK_STATUSES } from "@pp/db/schema";
import { z } from "zod";
import { optionalParam } from "@/lib/query-params";

/** Any string: a malformed id is a 404 like an unknown one. */
export const ZTenantParams = z.object({ id: z.string().min(1).max(100) });

/** `?status=open|done|canceled|all&view=team|overdue|week`: one client's tasks (everyone's by default). */
export const ZTenantTasksQuery = ZPageQuery.extend({
  status: optionalParam(z.enum([...TASK_STATUSES, "all"])),
  view: optionalParam(z.enum(TASK_VIEWS)),
});

/**
 * The Create Task body (kind, title, description, dueAt, ownerId) without `tenantId`: the client
 * comes from the path. The domain's ZCreateTask checks every field and names the bad one.
 */
export const ZCreateTenantTaskBody = z.looseObject({}).transform((body): Omit<TCreateTask, "tenantId"> => {
  const { tenantId: _ignored, ...rest } = body as TCreateTask;
  return rest;
});
