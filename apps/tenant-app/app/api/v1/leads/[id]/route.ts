import { getApiLeadOrThrow } from "@pp/core/leads/api-lead";
import { updateLead } from "@pp/core/leads/update-lead";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withApiKey, withIdempotency, withInput } from "@/lib/kit";
import { ZLeadIdParams, ZUpdateLeadBody } from "./schema";

// GET /api/v1/leads/[id] – one of the key's tenant's leads (another tenant's id is a 404).
export const GET = compose(
  { route: "/api/v1/leads/[id]" },
  withApiKey("leads:read"),
  withInput({ params: ZLeadIdParams }),
)(async (ctx) => json(await getApiLeadOrThrow({ tenantId: ctx.tenantId, leadId: ctx.params.id })));

// PATCH /api/v1/leads/[id] – move a lead along its pipeline and/or change its contact fields.
export const PATCH = compose(
  { route: "/api/v1/leads/[id]" },
  withApiKey("leads:write"),
  withIdempotency(),
  withInput({ params: ZLeadIdParams, body: ZUpdateLeadBody }),
)(async (ctx) =>
  json(
    await updateLead({
      ...ctx.body,
      tenantId: ctx.tenantId,
      leadId: ctx.params.id,
      actor: ctx.actor,
      context: auditContextOf(ctx),
    }),
  ),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, DELETE, OPTIONS } = methodNotAllowed({ GET, PATCH });
