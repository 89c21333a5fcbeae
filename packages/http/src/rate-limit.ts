import { AppError, isAppError } from "@pp/core/errors";
import type { Logger } from "@pp/core/logger";
import { RateLimiterRes } from "rate-limiter-flexible";
import type { BaseContext, Nothing, Step } from "./compose";
import {
  type RateLimitKeyBy,
  type RateLimitKeySources,
  type RateLimitPolicyName,
  rateLimitKey,
  rateLimitPolicies,
} from "./rate-limit-policies";
import { type RateLimiterSet, sharedRateLimiters } from "./rate-limit-store";
import { reportReachedContext } from "./usage-logging";

export * from "./rate-limit-policies";
export {
  createRateLimiterSet,
  type RateLimitBackend,
  type RateLimiterSet,
  type RateLimiterSetOptions,
  resetRateLimiters,
  sharedRateLimiters,
} from "./rate-limit-store";

/** What the step reads: the request always; the actor and tenant when an earlier step found them. */
export type RateLimitContext = BaseContext & RateLimitKeySources;

export type RateLimitOptions<C> = {
  /**
   * This request's limit when it is not the policy's, e.g. the tenant's plan limit or override.
   * `undefined` (or anything but a number ≥ 1) keeps the policy's default.
   */
  limitOf?: (ctx: C) => Promise<number | undefined> | number | undefined;
  /** Counts by something other than the policy's own key, e.g. `"apiKey"` for per-key limits. */
  keyBy?: RateLimitKeyBy;
  /** Defaults to this process's set (Redis when REDIS_URL is set); tests pass their own. */
  limiters?: RateLimiterSet;
};

/**
 * `withRateLimit("api")`: counts the request against the policy's bucket, answers 429 with
 * `Retry-After` once it is empty, and sets `RateLimit-Policy` / `RateLimit` on every response.
 * A failing store never fails the request: it is answered from memory and reported once.
 */
export function withRateLimit<C = Nothing>(
  policy: RateLimitPolicyName,
  options: RateLimitOptions<RateLimitContext & C> = {},
): Step<RateLimitContext & C> {
  return async (ctx, next) => {
    // Runs inside the auth steps: whoever they found is who a 429 is logged under.
    reportReachedContext(ctx);
    const limiters = options.limiters ?? sharedRateLimiters();
    await untilConnected(limiters);
    const limit = await resolveLimit(ctx, policy, options.limitOf);
    const key = rateLimitKey(ctx, options.keyBy ?? rateLimitPolicies[policy].keyBy);
    const outcome = await consume(limiters, policy, limit, key);
    limiters.reportOutage(ctx.log, outcome.kind === "failed" ? outcome.error : undefined);
    if (outcome.kind === "failed") return next({});

    const headers = rateLimitHeaders(policy, limit, outcome.result);
    if (outcome.kind === "refused") throw tooManyRequests(policy, outcome.result, headers);
    try {
      return withHeaders(await next({}), headers);
    } catch (error) {
      // A later step's 404 or 422 still used up a request: its error response carries the headers too.
      if (isAppError(error)) addMissingHeaders(error.headers, headers);
      throw error;
    }
  };
}

type Outcome =
  | { kind: "allowed"; result: RateLimiterRes }
  | { kind: "refused"; result: RateLimiterRes }
  | { kind: "failed"; error: unknown };

const FIRST_CONNECTION_WAIT_MS = 1000;

/**
 * A fresh instance's first requests wait (at most a second) for Redis, so they are counted where
 * every later request is, not in the in-memory stand-in. Once connected this resolves at once.
 */
async function untilConnected(limiters: RateLimiterSet): Promise<void> {
  // Settled once (connected or failed): no timer per request after that.
  if (settledSets.has(limiters)) return;
  const connected = limiters.connected().then(() => settledSets.add(limiters));
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    connected,
    new Promise((resolve) => {
      timer = setTimeout(resolve, FIRST_CONNECTION_WAIT_MS);
      timer.unref();
    }),
  ]);
  clearTimeout(timer);
}

const settledSets = new WeakSet<RateLimiterSet>();

async function consume(limiters: RateLimiterSet, policy: RateLimitPolicyName, limit: number, key: string) {
  try {
    const result = await limiters.limiterFor(policy, limit).consume(key);
    return { kind: "allowed", result } satisfies Outcome;
  } catch (rejection) {
    // The library rejects with its result object when the bucket is empty, with an Error when it breaks.
    if (rejection instanceof RateLimiterRes) return { kind: "refused", result: rejection } satisfies Outcome;
    return { kind: "failed", error: rejection } satisfies Outcome;
  }
}

async function resolveLimit<C extends { log: Logger }>(
  ctx: C,
  policy: RateLimitPolicyName,
  limitOf: RateLimitOptions<C>["limitOf"],
): Promise<number> {
  const fallback = rateLimitPolicies[policy].limit;
  if (!limitOf) return fallback;
  try {
    const limit = await limitOf(ctx);
    return limit !== undefined && Number.isFinite(limit) && limit >= 1 ? Math.floor(limit) : fallback;
  } catch (error) {
    // A guardrail must not take the route down with it: the default limit still protects us.
    ctx.log.warn({ err: error, policy }, "Rate-limit resolver failed — using the policy's default limit");
    return fallback;
  }
}

/**
 * The IETF draft headers (httpapi-ratelimit-headers-08+), e.g.
 * `RateLimit-Policy: "api";q=300;w=60` and `RateLimit: "api";r=297;t=41`.
 */
export function rateLimitHeaders(policy: RateLimitPolicyName, limit: number, result: RateLimiterRes) {
  const windowSeconds = rateLimitPolicies[policy].windowSeconds;
  return {
    "RateLimit-Policy": `"${policy}";q=${limit};w=${windowSeconds}`,
    RateLimit: `"${policy}";r=${result.remainingPoints};t=${Math.max(0, secondsUntil(result.msBeforeNext))}`,
  };
}

function tooManyRequests(policy: RateLimitPolicyName, result: RateLimiterRes, headers: Record<string, string>) {
  // Retry-After 0 would invite an immediate retry that is refused again.
  const retryAfterSeconds = Math.max(1, secondsUntil(result.msBeforeNext));
  return new AppError("rate_limited", `Too many requests — try again in ${retryAfterSeconds} s`, {
    headers: { "Retry-After": String(retryAfterSeconds), ...headers },
    details: { retryAfterSeconds, policy },
  });
}

function secondsUntil(milliseconds: number): number {
  return Math.ceil(milliseconds / 1000);
}

/**
 * Adds the headers even to responses whose headers are immutable (redirects, proxied fetches).
 * Appends, so a route under two policies (`federation-test` inside `api`) reports both as one
 * structured-field list: `RateLimit-Policy: "federation-test";q=5;w=60, "api";q=300;w=60`.
 */
function withHeaders(response: Response, headers: Record<string, string>): Response {
  try {
    for (const [name, value] of Object.entries(headers)) response.headers.append(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    for (const [name, value] of Object.entries(headers)) copy.headers.append(name, value);
    return copy;
  }
}

function addMissingHeaders(target: Record<string, string>, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) target[name] ??= value;
}

export type RateLimitUsage = {
  policy: RateLimitPolicyName;
  limit: number;
  used: number;
  remaining: number;
  /** Seconds until the window resets; 0 when the bucket has not been used this window. */
  resetSeconds: number;
};

export type ReadRateLimitOptions = {
  policy: RateLimitPolicyName;
  /** A bucket key as `rateLimitKey` builds it, e.g. "tenant:t-1". */
  key: string;
  limit?: number;
  limiters?: RateLimiterSet;
};

/** The current count of one bucket, without using a request up (dashboards, "approaching limit" alerts). */
export async function readRateLimit(options: ReadRateLimitOptions): Promise<RateLimitUsage> {
  const { policy, key } = options;
  const limit = options.limit ?? rateLimitPolicies[policy].limit;
  const result = await (options.limiters ?? sharedRateLimiters()).limiterFor(policy, limit).get(key);
  const used = result?.consumedPoints ?? 0;
  const resetSeconds = result ? Math.max(0, secondsUntil(result.msBeforeNext)) : 0;
  return { policy, limit, used, remaining: Math.max(0, limit - used), resetSeconds };
}
