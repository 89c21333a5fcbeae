import { getTenantRateLimitSetting } from "@pp/core/usage/api-usage-rate-limit";
import { setTenantRateLimit } from "@pp/core/usage/set-tenant-rate-limit";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZRateLimitParams, ZSetRateLimitBody } from "./schema";

const route = "/api/provider/tenants/[id]/rate-limit";

// GET /api/provider/tenants/[id]/rate-limit – the tenant's public API limit per minute and where it comes from (override, plan, default).
export const GET = compose(
  { route },
  withProviderAuth("usage:read"),
  withInput({ params: ZRateLimitParams }),
)(async ({ params }) => json(await getTenantRateLimitSetting({ tenantId: params.id })));

// PUT /api/provider/tenants/[id]/rate-limit – set (or with null clear) the override; audited, enforced everywhere within 30 s.
export const PUT = compose(
  { route },
  withProviderAuth("usage:write"),
  withInput({ params: ZRateLimitParams, body: ZSetRateLimitBody }),
)(async (ctx) =>
  json(
    await setTenantRateLimit({
      ...ctx.body,
      tenantId: ctx.params.id,
      actor: ctx.actor,
      context: auditContextOf(ctx),
    }),
  ),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET, PUT });
