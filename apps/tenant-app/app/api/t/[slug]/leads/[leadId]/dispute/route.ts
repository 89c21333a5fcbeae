import { raiseDispute } from "@pp/core/leads/raise-dispute";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, created, withIdempotency, withInput, withTenantAuth } from "@/lib/kit";
import { ZDisputeParams, ZRaiseDisputeBody } from "./schema";

// POST /api/t/[slug]/leads/[leadId]/dispute – any member disputes a lead (reason + note); duplicates may be approved at once.
export const POST = compose(
  { route: "/api/t/[slug]/leads/[leadId]/dispute" },
  withTenantAuth(),
  withIdempotency(),
  withInput({ params: ZDisputeParams, body: ZRaiseDisputeBody }),
)(async (ctx) =>
  created(
    await raiseDispute({
      ...ctx.body,
      tenantId: ctx.tenantId,
      leadId: ctx.params.leadId,
      actor: ctx.actor,
      context: auditContextOf(ctx),
    }),
  ),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
