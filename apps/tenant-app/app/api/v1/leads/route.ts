import { listApiLeads } from "@pp/core/leads/api-lead";
import { intakeLead } from "@pp/core/leads/intake-lead";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, created, json, withApiKey, withIdempotency, withInput } from "@/lib/kit";
import { ZCreateLeadBody, ZListLeadsQuery } from "./schema";

// GET /api/v1/leads – a page of the key's tenant's leads, newest first, filtered by status/category/since.
export const GET = compose(
  { route: "/api/v1/leads" },
  withApiKey("leads:read"),
  withInput({ query: ZListLeadsQuery }),
)(async (ctx) =>
  json(
    await listApiLeads({
      tenantId: ctx.tenantId,
      status: ctx.query.status,
      category: ctx.query.category,
      since: ctx.query.since ? new Date(ctx.query.since) : undefined,
      limit: ctx.query.limit,
      cursor: ctx.query.cursor,
    }),
  ),
);

// POST /api/v1/leads – lead intake (web forms, marketplaces, imports): priced by category, 409 on a duplicate.
export const POST = compose(
  { route: "/api/v1/leads" },
  withApiKey("leads:write"),
  withIdempotency(),
  withInput({ body: ZCreateLeadBody }),
)(async (ctx) =>
  created(await intakeLead({ ...ctx.body, tenantId: ctx.tenantId, actor: ctx.actor, context: auditContextOf(ctx) })),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET, POST });
