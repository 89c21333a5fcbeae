import { createTask } from "@pp/core/tasks/create-task";
import { listTasks } from "@pp/core/tasks/list-tasks";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, created, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZCreateTaskBody, ZListTasksQuery } from "./schema";

// GET /api/provider/tasks – My tasks: mine / team / overdue / due this week, by due date.
export const GET = compose(
  { route: "/api/provider/tasks" },
  withProviderAuth("success:read"),
  withInput({ query: ZListTasksQuery }),
)(async (ctx) => json(await listTasks({ ...ctx.query, actor: ctx.actor })));

// POST /api/provider/tasks – Create Task (or Schedule EBR with kind "ebr") for a client, optionally about an Action Center item.
export const POST = compose(
  { route: "/api/provider/tasks" },
  withProviderAuth("success:write"),
  withIdempotency(),
  withInput({ body: ZCreateTaskBody }),
)(async (ctx) => created(await createTask({ ...ctx.body, actor: ctx.actor, context: auditContextOf(ctx) })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET, POST });
