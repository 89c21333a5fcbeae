import { ZPageQuery } from "@pp/core/pagination";
import { TASK_VIEWS } from "@pp/core/tasks/list-tasks";
import { TASK_STATUSES } from "@pp/db/schema";
import { z } from "zod";
import { optionalParam } from "@/lib/query-params";

export { ZCreateTask as ZCreateTaskBody } from "@pp/core/tasks/create-task";

/** My tasks: `?view=mine|team|overdue|week&status=&ownerId=&tenantId=`, by due date. */
export const ZListTasksQuery = ZPageQuery.extend({
  view: optionalParam(z.enum(TASK_VIEWS)).transform((view) => view ?? "mine"),
  status: optionalParam(z.enum([...TASK_STATUSES, "all"])),
  ownerId: optionalParam(z.string().min(1).max(100)),
  tenantId: optionalParam(z.uuid()),
});
export type TListTasksQuery = z.output<typeof ZListTasksQuery>;
