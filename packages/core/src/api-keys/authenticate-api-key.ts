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

type KeyRow = Awaited<ReturnType<ReturnType<typeof selectKeyByHash>["execute"]>>[number];

const MAX_CACHED_KEYS = 10_000;

// On globalThis: Next.js may load this module once per route bundle, and a revoke route must
// reach the cache the public API routes read.
const CACHE_KEY = Symbol.for("pp.api-key-cache");
type CacheHolder = { [CACHE_KEY]?: Map<string, { row: KeyRow; fetchedAt: number }> };

function keyCache(): Map<string, { row: KeyRow; fetchedAt: number }> {
  const holder = globalThis as CacheHolder;
  holder[CACHE_KEY] ??= new Map();
  return holder[CACHE_KEY];
}

/** Drops a key from this process's cache (after it was revoked here). */
export function forgetCachedApiKey(apiKeyId: string): void {
  const cache = keyCache();
  for (const [hash, entry] of cache) if (entry.row.id === apiKeyId) cache.delete(hash);
}

/** Empties this process's key cache (tests). */
export function clearApiKeyCache(): void {
  keyCache().clear();
}

async function findKey(hash: string, executor: Executor, maxAgeMs: number, now: number): Promise<KeyRow | undefined> {
  if (executor !== db) return (await selectKeyByHash(executor).execute({ hash }))[0];
  const cache = keyCache();
  const cached = maxAgeMs > 0 ? cache.get(hash) : undefined;
  if (cached && now - cached.fetchedAt < maxAgeMs && now >= cached.fetchedAt) return cached.row;
  const [row] = await preparedKeyByHash().execute({ hash });
  // Only keys that exist: unknown tokens (guesses) always reach the database and never fill memory.
  if (row && maxAgeMs > 0) {
    if (cache.size >= MAX_CACHED_KEYS) cache.clear();
    cache.set(hash, { row, fetchedAt: now });
  }
  return row;
}

/**
 * The active key a bearer token belongs to, or null for anything else (unknown, revoked,
 * expired, malformed). Looked up by its SHA-256 hash, so no secret comparison happens here;
 * the token itself is never logged or stored. A valid key of a suspended or churned tenant is
 * refused with a 403 that says so: the key is fine, the account is not, and the owner should know.
 */
export async function authenticateApiKey(
  options: {
    token: string;
    now?: Date;
    /** Answer from a lookup at most this old (the public API passes env API_KEY_CACHE_MS, default 0); 0 = always ask.
     *  Revoking in this process forgets the key at once; another process sees a revocation or a
     *  suspended tenant within this time. Expiry is checked on every request. */
    maxAgeMs?: number;
  },
  executor: Executor = db,
): Promise<AuthenticatedApiKey | null> {
  if (!looksLikeApiKeyToken(options.token)) return null;
  const now = options.now ?? new Date();
  const key = await findKey(hashApiKeyToken(options.token), executor, options.maxAgeMs ?? 0, now.getTime());
  // Keys without a tenant (reserved for provider-wide keys) do not open the tenant API.
  if (!key?.tenantId || apiKeyStatusOf(key, now) !== "active") return null;
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
