import { db, type Executor, reusedQuery } from "@pp/db";
import { apiKeys, tenants } from "@pp/db/schema";
import { eq, sql } from "drizzle-orm";
import { AppError } from "../errors";
import type { ApiKeyScope } from "./api-key-scopes";
import { apiKeyStatusOf, isApiKeyScope } from "./api-key-summary";
import { hashApiKeyToken, looksLikeApiKeyToken } from "./api-key-token";

/** The key behind a public API request: enough to authorize and rate-limit it, no secret. */
export type AuthenticatedApiKey = {
  id: string;
  tenantId: string;
  prefix: string;
  scopes: ApiKeyScope[];
  rateLimitPerMinute: number | null;
};

function selectKeyByHash(executor: Executor) {
  return executor
    .select({
      id: apiKeys.id,
      tenantId: apiKeys.tenantId,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      rateLimitPerMinute: apiKeys.rateLimitPerMinute,
      revokedAt: apiKeys.revokedAt,
      expiresAt: apiKeys.expiresAt,
      tenantStatus: tenants.status,
    })
    .from(apiKeys)
    .leftJoin(tenants, eq(tenants.id, apiKeys.tenantId))
    .where(eq(apiKeys.hash, sql.placeholder("hash")))
    .limit(1);
}

// Every public API request runs this: built and planned once per connection.
const preparedKeyByHash = reusedQuery((database) => selectKeyByHash(database).prepare("authenticate_api_key"));

/**
 * The active key a bearer token belongs to, or null for anything else (unknown, revoked,
 * expired, malformed). Looked up by its SHA-256 hash, so no secret comparison happens here;
 * the token itself is never logged or stored. A valid key of a suspended or churned tenant is
 * refused with a 403 that says so: the key is fine, the account is not, and the owner should know.
 */
export async function authenticateApiKey(
  options: { token: string; now?: Date },
  executor: Executor = db,
): Promise<AuthenticatedApiKey | null> {
  if (!looksLikeApiKeyToken(options.token)) return null;
  const hash = hashApiKeyToken(options.token);
  const [key] =
    executor === db ? await preparedKeyByHash().execute({ hash }) : await selectKeyByHash(executor).execute({ hash });
  // Keys without a tenant (reserved for provider-wide keys) do not open the tenant API.
  if (!key?.tenantId || apiKeyStatusOf(key, options.now ?? new Date()) !== "active") return null;
  if (key.tenantStatus === "suspended" || key.tenantStatus === "churned") {
    throw new AppError(
      "forbidden",
      `This account is ${key.tenantStatus} — its API keys are paused; contact your provider`,
    );
  }
  return {
    id: key.id,
    tenantId: key.tenantId,
    prefix: key.prefix,
    scopes: key.scopes.filter(isApiKeyScope),
    rateLimitPerMinute: key.rateLimitPerMinute,
  };
}
