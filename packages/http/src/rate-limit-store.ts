import type { Logger } from "@pp/core/logger";
import { onShutdown } from "@pp/core/runtime/shutdown";
import { env } from "@pp/env";
import { Redis } from "ioredis";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  type RateLimiterRes,
} from "rate-limiter-flexible";
import { type RateLimitPolicyName, rateLimitPolicies } from "./rate-limit-policies";

export type RateLimitBackend = "memory" | "redis";

/**
 * The limiters of one app instance: one per (policy, limit), created on first use and kept.
 * Two sets pointed at the same Redis share their counts, which is what lets instances behind a
 * load balancer enforce one limit.
 */
export type RateLimiterSet = {
  backend: RateLimitBackend;
  limiterFor(policy: RateLimitPolicyName, limit: number): RateLimiterAbstract;
  /** Logs the "Redis is down" warning once per outage, with the logger of the request that noticed. */
  reportOutage(log: Logger, error?: unknown): void;
  /** Resolves true once the store answers, false when its first connection attempt fails; memory is always true. */
  connected(): Promise<boolean>;
  close(): Promise<void>;
};

export type RateLimiterSetOptions = {
  /** Counts go to this Redis when set; otherwise they live in this process's memory. */
  redisUrl?: string;
  /** Prefix of every Redis key; tests use a unique one per run so parallel runs never collide. */
  keyPrefix?: string;
  /** Milliseconds a Redis command may take before the in-memory insurance limiter answers instead. */
  commandTimeoutMs?: number;
  connectTimeoutMs?: number;
};

export const DEFAULT_REDIS_KEY_PREFIX = "pp:rl";
// A limit check sits in front of every request: a slow Redis must not become a slow API.
const DEFAULT_COMMAND_TIMEOUT_MS = 300;
const DEFAULT_CONNECT_TIMEOUT_MS = 1_000;

export function createRateLimiterSet(options: RateLimiterSetOptions = {}): RateLimiterSet {
  return options.redisUrl ? createRedisSet({ ...options, redisUrl: options.redisUrl }) : createMemorySet();
}

let shared: RateLimiterSet | undefined;

/** This process's limiters: Redis when REDIS_URL is set, memory otherwise. */
export function sharedRateLimiters(): RateLimiterSet {
  if (!shared) {
    shared = createRateLimiterSet({ redisUrl: env().REDIS_URL });
    onShutdown("close", "rate-limit store", resetRateLimiters);
  }
  return shared;
}

/** Drops this process's limiters (and their in-memory counts) and closes its Redis connection (tests). */
export async function resetRateLimiters(): Promise<void> {
  const previous = shared;
  shared = undefined;
  await previous?.close();
}

function createMemorySet(): RateLimiterSet {
  const limiters = new Map<string, RateLimiterAbstract>();
  const outage = newOutage();
  return {
    backend: "memory",
    limiterFor: (policy, limit) => cached(limiters, policy, limit, () => memoryLimiter(policy, limit)),
    reportOutage: (log, error) => reportOutage(outage, "memory", log, error),
    connected: async () => true,
    close: async () => limiters.clear(),
  };
}

function memoryLimiter(policy: RateLimitPolicyName, limit: number): RateLimiterMemory {
  return new RateLimiterMemory({ keyPrefix: policy, points: limit, duration: rateLimitPolicies[policy].windowSeconds });
}

function cached(
  limiters: Map<string, RateLimiterAbstract>,
  policy: RateLimitPolicyName,
  limit: number,
  create: () => RateLimiterAbstract,
): RateLimiterAbstract {
  const id = `${policy}:${limit}`;
  let limiter = limiters.get(id);
  if (!limiter) {
    limiter = create();
    limiters.set(id, limiter);
  }
  return limiter;
}

/**
 * Whether the store has failed since it was last ready, and whom the warning went to. `starting`
 * holds until the first connection attempt has succeeded or failed.
 */
type Outage = { starting: boolean; active: boolean; warnedWith: Logger | undefined; lastError: unknown };

function newOutage(starting = false): Outage {
  return { starting, active: false, warnedWith: undefined, lastError: undefined };
}

// One line per outage, not one per request: at 300 requests a second a line each would bury the logs.
function reportOutage(outage: Outage, backend: RateLimitBackend, log: Logger, error: unknown): void {
  if (error !== undefined) {
    outage.active = true;
    outage.lastError = error;
  }
  if (!outage.active || outage.warnedWith) return;
  outage.warnedWith = log;
  const message =
    backend === "redis"
      ? "Rate-limit Redis unavailable — counting in memory per instance until it is back"
      : "Rate limiter failed — letting requests through unlimited";
  log.warn({ err: outage.lastError, backend }, message);
}

function createRedisSet(options: RateLimiterSetOptions & { redisUrl: string }): RateLimiterSet {
  const limiters = new Map<string, RateLimiterAbstract>();
  const outage = newOutage(true);
  const client = connect(options, outage);
  const keyPrefix = options.keyPrefix ?? DEFAULT_REDIS_KEY_PREFIX;
  const markOutage = () => {
    // Requests that arrive while the first connection is still being made are not an outage.
    if (!outage.starting) outage.active = true;
  };
  return {
    backend: "redis",
    limiterFor: (policy, limit) =>
      cached(limiters, policy, limit, () => redisLimiter({ client, keyPrefix, policy, limit, markOutage })),
    reportOutage: (log, error) => reportOutage(outage, "redis", log, error),
    connected: () => firstConnection(client, outage),
    close: async () => {
      limiters.clear();
      client.disconnect();
    },
  };
}

function connect(options: RateLimiterSetOptions & { redisUrl: string }, outage: Outage): Redis {
  const client = new Redis(options.redisUrl, {
    // Queued commands would wait out an outage; failing at once lets the insurance limiter answer.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    connectTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
  });
  // Without a listener ioredis prints every reconnect failure; the outage is reported once instead.
  client.on("error", (error: unknown) => {
    outage.starting = false;
    outage.lastError = error;
  });
  client.on("close", () => {
    outage.starting = false;
  });
  client.on("ready", () => {
    outage.starting = false;
    outage.warnedWith?.info({ backend: "redis" }, "Rate-limit Redis is back — limits are shared again");
    outage.active = false;
    outage.warnedWith = undefined;
  });
  return client;
}

function firstConnection(client: Redis, outage: Outage): Promise<boolean> {
  if (client.status === "ready") return Promise.resolve(true);
  if (!outage.starting) return Promise.resolve(false);
  return new Promise((resolve) => {
    const settle = (ready: boolean) => () => {
      client.off("ready", onReady);
      client.off("error", onError);
      resolve(ready);
    };
    const onReady = settle(true);
    const onError = settle(false);
    client.once("ready", onReady);
    client.once("error", onError);
  });
}

type RedisLimiterSpec = {
  client: Redis;
  keyPrefix: string;
  policy: RateLimitPolicyName;
  limit: number;
  markOutage: () => void;
};

function redisLimiter({ client, keyPrefix, policy, limit, markOutage }: RedisLimiterSpec): RateLimiterRedis {
  const duration = rateLimitPolicies[policy].windowSeconds;
  return new RateLimiterRedis({
    storeClient: client,
    // Limits of one policy share keys, so a plan change mid-window keeps the count.
    keyPrefix: `${keyPrefix}:${policy}`,
    points: limit,
    duration,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new InsuranceLimiter({ keyPrefix: policy, points: limit, duration }, markOutage),
  });
}

/** The in-memory stand-in the Redis limiter calls when Redis fails; being called is the outage signal. */
class InsuranceLimiter extends RateLimiterMemory {
  readonly #onTakeover: () => void;

  constructor(options: ConstructorParameters<typeof RateLimiterMemory>[0], onTakeover: () => void) {
    super(options);
    this.#onTakeover = onTakeover;
  }

  override consume(key: string | number, points?: number, options?: Record<string, unknown>): Promise<RateLimiterRes> {
    this.#onTakeover();
    return super.consume(key, points, options);
  }

  override get(key: string | number, options?: Record<string, unknown>): Promise<RateLimiterRes | null> {
    this.#onTakeover();
    return super.get(key, options);
  }
}
