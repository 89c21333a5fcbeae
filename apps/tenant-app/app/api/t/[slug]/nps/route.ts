import { recordNpsResponse } from "@pp/core/nps/record-nps-response";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, created, withInput, withTenantAuth } from "@/lib/kit";
import { ZNpsAnswerBody, ZNpsParams } from "./schema";

// POST /api/t/[slug]/nps – an owner or dispatcher answers the NPS question (0–10 + comment) or dismisses it for 90 days.
export const POST = compose(
  { route: "/api/t/[slug]/nps" },
  withTenantAuth({ role: "dispatcher" }),
  withInput({ params: ZNpsParams, body: ZNpsAnswerBody }),
)(async (ctx) => created(await recordNpsResponse({ ...ctx.body, actor: ctx.actor, context: auditContextOf(ctx) })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
