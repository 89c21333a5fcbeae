import { replyToSupportRequest } from "@pp/core/incidents/reply-to-support-request";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, created, withIdempotency, withInput, withTenantAuth } from "@/lib/kit";
import { ZReplyToSupportRequestBody, ZSupportRequestParams } from "../../schema";

// POST /api/t/[slug]/support-requests/[requestId]/replies – reply on an open request; a reply to "waiting on you" resumes work.
export const POST = compose(
  { route: "/api/t/[slug]/support-requests/[requestId]/replies" },
  withTenantAuth(),
  withIdempotency(),
  withInput({ params: ZSupportRequestParams, body: ZReplyToSupportRequestBody }),
)(async (ctx) =>
  created(
    await replyToSupportRequest({
      ...ctx.body,
      incidentId: ctx.params.requestId,
      actor: ctx.actor,
      context: auditContextOf(ctx),
    }),
  ),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
