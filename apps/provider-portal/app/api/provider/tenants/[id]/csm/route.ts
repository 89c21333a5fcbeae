import { assignCsm } from "@pp/core/success/assign-csm";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZAssignCsmBody, ZTenantParams } from "./schema";

// PUT /api/provider/tenants/[id]/csm – assign the client's CSM (null unassigns); audited and on the timeline.
export const PUT = compose(
  { route: "/api/provider/tenants/[id]/csm" },
  withProviderAuth("success:write"),
  withInput({ params: ZTenantParams, body: ZAssignCsmBody }),
)(async (ctx) =>
  json(await assignCsm({ ...ctx.body, tenantId: ctx.params.id, actor: ctx.actor, context: auditContextOf(ctx) })),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, POST, PATCH, DELETE, OPTIONS } = methodNotAllowed({ PUT });
