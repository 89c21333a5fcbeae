import { decideDispute } from "@pp/core/leads/decide-dispute";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZLeadParams } from "../../schema";
import { ZDecideDisputeBody } from "./schema";

// POST /api/provider/leads/[id]/dispute – Approve Dispute or reject it with a note; credits follow the billing rules.
export const POST = compose(
  { route: "/api/provider/leads/[id]/dispute" },
  withProviderAuth("leads:write"),
  withIdempotency(),
  withInput({ params: ZLeadParams, body: ZDecideDisputeBody }),
)(async (ctx) =>
  json(await decideDispute({ ...ctx.body, leadId: ctx.params.id, actor: ctx.actor, context: auditContextOf(ctx) })),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
