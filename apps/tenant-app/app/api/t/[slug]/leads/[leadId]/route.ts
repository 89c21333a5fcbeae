import { getLeadOrThrow } from "@pp/core/leads/get-lead-or-throw";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { z } from "zod";
import { compose, json, withInput, withTenantAuth } from "@/lib/kit";

// Any string reaches the domain: a malformed id is a 404 like any other unknown lead, never a 400 hint.
const ZLeadParams = z.object({ slug: z.string(), leadId: z.string() });

// GET /api/t/[slug]/leads/[leadId] – one lead with billing, attribution, dispute and history.
export const GET = compose(
  { route: "/api/t/[slug]/leads/[leadId]" },
  withTenantAuth(),
  withInput({ params: ZLeadParams }),
)(async (ctx) => json(await getLeadOrThrow({ tenantId: ctx.tenantId, leadId: ctx.params.leadId })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
