import { createApiKey, ZCreateApiKey } from "@pp/core/api-keys/create-api-key";
import { listApiKeys } from "@pp/core/api-keys/list-api-keys";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, created, json, withIdempotency, withInput, withOneTimeSecret, withProviderAuth } from "@/lib/kit";
import { ZListFederationKeysQuery } from "./schema";

// GET /api/federation/keys – API keys across tenants, newest first; tenant and status filters, cursor pagination.
export const GET = compose(
  { route: "/api/federation/keys" },
  withProviderAuth("federation:read"),
  withInput({ query: ZListFederationKeysQuery }),
)(async ({ query }) => json(await listApiKeys(query)));

// POST /api/federation/keys – mint a key for a tenant; the whole key is in this response only.
export const POST = compose(
  { route: "/api/federation/keys" },
  withProviderAuth("federation:manage"),
  withOneTimeSecret("key"),
  withIdempotency(),
  withInput({ body: ZCreateApiKey }),
)(async ({ body, actor, revealOnce, ...ctx }) => {
  const { key, ...summary } = await createApiKey({ ...body, actor, context: auditContextOf(ctx) });
  revealOnce(key);
  return created(summary);
});

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET, POST });
