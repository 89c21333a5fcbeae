import { getClientPlaybooks } from "@pp/core/playbooks/get-client-playbooks";
import { startPlaybook } from "@pp/core/playbooks/start-playbook";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, created, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZStartPlaybookBody, ZTenantParams } from "./schema";

const route = "/api/provider/tenants/[id]/playbooks";

// GET /api/provider/tenants/[id]/playbooks – every playbook with its latest run's progress and whether it is suggested now.
export const GET = compose(
  { route },
  withProviderAuth("success:read"),
  withInput({ params: ZTenantParams }),
)(async (ctx) => json({ data: await getClientPlaybooks({ tenantId: ctx.params.id }) }));

// POST /api/provider/tenants/[id]/playbooks – Start playbook: a run and its tasks; 200 with the running run if one exists.
export const POST = compose(
  { route },
  withProviderAuth("success:write"),
  withIdempotency(),
  withInput({ params: ZTenantParams, body: ZStartPlaybookBody }),
)(async (ctx) => {
  const result = await startPlaybook({
    ...ctx.body,
    tenantId: ctx.params.id,
    actor: ctx.actor,
    context: auditContextOf(ctx),
  });
  return result.started ? created(result) : json(result);
});

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET, POST });
