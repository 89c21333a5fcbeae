import { listSupportRequests } from "@pp/core/incidents/list-support-requests";
import { openSupportRequest } from "@pp/core/incidents/open-support-request";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, created, json, withIdempotency, withInput, withTenantAuth } from "@/lib/kit";
import { ZOpenSupportRequestBody, ZSupportRequestsParams } from "./schema";

// GET /api/t/[slug]/support-requests – this tenant's support requests and incidents, newest first.
export const GET = compose(
  { route: "/api/t/[slug]/support-requests" },
  withTenantAuth(),
  withInput({ params: ZSupportRequestsParams }),
)(async (ctx) => json({ data: await listSupportRequests({ tenantId: ctx.tenantId }), nextCursor: null }));

// POST /api/t/[slug]/support-requests – any member asks for help: subject, description, urgency (→ severity).
export const POST = compose(
  { route: "/api/t/[slug]/support-requests" },
  withTenantAuth(),
  withIdempotency(),
  withInput({ params: ZSupportRequestsParams, body: ZOpenSupportRequestBody }),
)(async (ctx) => {
  const incident = await openSupportRequest({ ...ctx.body, actor: ctx.actor, context: auditContextOf(ctx) });
  return created({ id: incident.id, subject: incident.title, severity: incident.severity, status: incident.status });
});

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET, POST });
