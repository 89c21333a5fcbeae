import type { ApiKeyScope } from "@pp/core/api-keys/api-key-scopes";
import type { ApiKeyActor } from "@pp/core/auth/actors";
import { AppError } from "@pp/core/errors";
import type { BaseContext, Step } from "./compose";

export { type OneTimeSecretContext, withOneTimeSecret } from "./api-key-reveal";

/** The key behind a request, as the app's lookup returns it: no secret, no hash. */
export type ApiKeyIdentity = {
  id: string;
  tenantId: string;
  prefix: string;
  scopes: readonly ApiKeyScope[];
  /** The key's own requests-per-minute limit; null = the tenant's applies. */
  rateLimitPerMinute: number | null;
};

/** Finds the active key a bearer token belongs to; null for unknown, revoked or expired keys. */
export type ApiKeyAuthenticator = (token: string) => Promise<ApiKeyIdentity | null>;

export type ApiKeyAuthOptions = {
  /** Notes that the key was used (the batched last-used tracker); must not block. */
  recordUse?: (apiKeyId: string, at: Date) => void;
};

export type ApiKeyAuthContext = { actor: ApiKeyActor; tenantId: string; apiKey: ApiKeyIdentity };

// RFC 6750 §2.1: "Bearer" then one b64token.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * The public API's authentication: `Authorization: Bearer <key>`. Missing or malformed → 401
 * asking for a key; unknown, revoked or expired → 401 "Invalid or revoked API key"; a key without
 * the route's scope → 403 naming it. RFC 6750 `WWW-Authenticate` challenges on each.
 */
export function createApiKeyAuth(authenticate: ApiKeyAuthenticator, options: ApiKeyAuthOptions = {}) {
  return function withApiKey(scope?: ApiKeyScope): Step<BaseContext, ApiKeyAuthContext> {
    return async (ctx, next) => {
      const token = bearerTokenOf(ctx.request);
      if (token === null) {
        throw new AppError("unauthenticated", "Send your API key in the header Authorization: Bearer <key>", {
          headers: { "WWW-Authenticate": "Bearer" },
        });
      }
      const key = await authenticate(token);
      if (!key) {
        throw new AppError("unauthenticated", "Invalid or revoked API key", {
          headers: { "WWW-Authenticate": 'Bearer error="invalid_token"' },
        });
      }
      options.recordUse?.(key.id, new Date());
      if (scope && !key.scopes.includes(scope)) {
        throw new AppError("forbidden", `This API key does not have the "${scope}" scope`, {
          details: { scope, scopes: key.scopes },
          headers: { "WWW-Authenticate": `Bearer error="insufficient_scope", scope="${scope}"` },
        });
      }
      const actor: ApiKeyActor = { kind: "api_key", apiKeyId: key.id, tenantId: key.tenantId, scopes: key.scopes };
      return next({ actor, tenantId: key.tenantId, apiKey: key });
    };
  };
}

function bearerTokenOf(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (!header) return null;
  return BEARER.exec(header.trim())?.[1] ?? null;
}
