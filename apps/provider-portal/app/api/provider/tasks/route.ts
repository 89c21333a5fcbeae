import { createTask } from "@pp/core/tasks/create-task";
import { auditContextOf } from "@pp/http/audit-context";
import { compose, created, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZCreateTaskBody } from "./schema";

// POST /api/provider/tasks – Create Task (or Schedule EBR with kind "ebr") for a client, optionally about an Action Center item.
export const POST = compose(
  { route: "/api/provider/tasks" },
  withProviderAuth("success:write"),
  withIdempotency(),
  withInput({ body: ZCreateTaskBody }),
)(async (ctx) => created(await createTask({ ...ctx.body, actor: ctx.actor, context: auditContextOf(ctx) })));
