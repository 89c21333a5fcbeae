import { revokeApiKey } from "@pp/core/api-keys/revoke-api-key";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withTenantAuth } from "@/lib/kit";
import { ZApiKeyParams } from "../../schema";

// POST /api/t/[slug]/api-keys/[id]/revoke – revoke a key at once (idempotent); owners only, own keys only.
export const POST = compose(
  { route: "/api/t/[slug]/api-keys/[id]/revoke" },
  withTenantAuth({ role: "owner" }),
  withInput({ params: ZApiKeyParams }),
)(async ({ params, actor, ...ctx }) =>
  json(await revokeApiKey({ actor, apiKeyId: params.id, context: auditContextOf(ctx) })),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
