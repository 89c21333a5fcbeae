import { createApiKey } from "@pp/core/api-keys/create-api-key";
import { listApiKeys } from "@pp/core/api-keys/list-api-keys";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, created, json, withIdempotency, withInput, withOneTimeSecret, withTenantAuth } from "@/lib/kit";
import { ZCreateTenantApiKey, ZListTenantApiKeysQuery } from "./schema";

// GET /api/t/[slug]/api-keys – the workspace's API keys, newest first (never a secret); any member.
export const GET = compose(
  { route: "/api/t/[slug]/api-keys" },
  withTenantAuth(),
  withInput({ query: ZListTenantApiKeysQuery }),
)(async ({ query, tenantId }) => json(await listApiKeys({ ...query, tenantId })));

// POST /api/t/[slug]/api-keys – mint a key; the whole key is in this response only. Owners only.
export const POST = compose(
  { route: "/api/t/[slug]/api-keys" },
  withTenantAuth({ role: "owner" }),
  withOneTimeSecret("key"),
  withIdempotency(),
  withInput({ body: ZCreateTenantApiKey }),
)(async ({ body, tenantId, actor, revealOnce, ...ctx }) => {
  const { key, ...summary } = await createApiKey({ ...body, tenantId, actor, context: auditContextOf(ctx) });
  revealOnce(key);
  return created(summary);
});

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET, POST });
