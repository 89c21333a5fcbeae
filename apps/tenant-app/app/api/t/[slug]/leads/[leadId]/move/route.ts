import { moveLead } from "@pp/core/leads/move-lead";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withInput, withTenantAuth } from "@/lib/kit";
import { ZMoveLeadBody, ZMoveLeadParams } from "./schema";

// POST /api/t/[slug]/leads/[leadId]/move – any member moves a lead along the pipeline, or marks it won (with the job's value) or lost.
export const POST = compose(
  { route: "/api/t/[slug]/leads/[leadId]/move" },
  withTenantAuth(),
  withIdempotency(),
  withInput({ params: ZMoveLeadParams, body: ZMoveLeadBody }),
)(async (ctx) =>
  json(
    await moveLead({
      tenantId: ctx.tenantId,
      leadId: ctx.params.leadId,
      move: ctx.body,
      actor: ctx.actor,
      context: auditContextOf(ctx),
    }),
  ),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
