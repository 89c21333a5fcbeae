import { listTimeline } from "@pp/core/success/list-timeline";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZTenantParams, ZTimelineQuery } from "./schema";

// GET /api/provider/tenants/[id]/timeline – everything that happened to the client, newest first, filterable by kind.
export const GET = compose(
  { route: "/api/provider/tenants/[id]/timeline" },
  withProviderAuth("success:read"),
  withInput({ params: ZTenantParams, query: ZTimelineQuery }),
)(async (ctx) => json(await listTimeline({ ...ctx.query, tenantId: ctx.params.id })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
