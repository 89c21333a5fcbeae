import { updateTask } from "@pp/core/tasks/update-task";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
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

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, POST, PUT, DELETE, OPTIONS } = methodNotAllowed({ PATCH });
