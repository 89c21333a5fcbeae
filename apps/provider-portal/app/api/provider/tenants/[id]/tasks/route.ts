import { createTask } from "@pp/core/tasks/create-task";
import { listTasks } from "@pp/core/tasks/list-tasks";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, created, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZCreateTenantTaskBody, ZTenantParams, ZTenantTasksQuery } from "./schema";

const route = "/api/provider/tenants/[id]/tasks";

// GET /api/provider/tenants/[id]/tasks – one client's tasks by due date (open by default).
export const GET = compose(
  { route },
  withProviderAuth("success:read"),
  withInput({ params: ZTenantParams, query: ZTenantTasksQuery }),
)(async (ctx) =>
  json(await listTasks({ ...ctx.query, view: ctx.query.view ?? "team", tenantId: ctx.params.id, actor: ctx.actor })),
);

// POST /api/provider/tenants/[id]/tasks – quick create from Client 360 (the Action Center's Create Task function).
export const POST = compose(
  { route },
  withProviderAuth("success:write"),
  withIdempotency(),
  withInput({ params: ZTenantParams, body: ZCreateTenantTaskBody }),
)(async (ctx) =>
  created(
    await createTask({
      ...ctx.body,
      tenantId: ctx.params.id,
      actor: ctx.actor,
      context: auditContextOf(ctx),
    }),
  ),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET, POST });
