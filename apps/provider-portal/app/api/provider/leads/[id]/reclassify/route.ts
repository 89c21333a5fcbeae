import { reclassifyLead } from "@pp/core/leads/reclassify-lead";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZLeadParams } from "../../schema";
import { ZReclassifyLeadBody } from "./schema";

// POST /api/provider/leads/[id]/reclassify – Reclassify Lead: new category and price, with a reason; billing follows.
export const POST = compose(
  { route: "/api/provider/leads/[id]/reclassify" },
  withProviderAuth("leads:write"),
  withIdempotency(),
  withInput({ params: ZLeadParams, body: ZReclassifyLeadBody }),
)(async (ctx) =>
  json(await reclassifyLead({ ...ctx.body, leadId: ctx.params.id, actor: ctx.actor, context: auditContextOf(ctx) })),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
