import { updateTask } from "@pp/core/tasks/update-task";
import { auditContextOf } from "@pp/http/audit-context";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZTaskParams, ZUpdateTaskBody } from "./schema";

// PATCH /api/provider/tasks/[id] – complete (status "done"), reopen ("open"), reassign (ownerId) or re-date (dueAt) a task.
export const PATCH = compose(
  { route: "/api/provider/tasks/[id]" },
  withProviderAuth("success:write"),
  withInput({ params: ZTaskParams, body: ZUpdateTaskBody }),
)(async (ctx) =>
  json(await updateTask({ ...ctx.body, taskId: ctx.params.id, actor: ctx.actor, context: auditContextOf(ctx) })),
);
