import type { LATENCY_BUCKET_BOUNDS_MS } from "../usage/rollup-api-usage";

/**
 * The service level objectives, in one table (runbook §0a.4). Each SLO has two SLIs over the
 * same requests: availability (share of requests not answered 5xx) and latency (share answered
 * within `latencyThresholdMs`, i.e. p95 ≤ threshold when `latencyObjective` is 0.95). Both are
 * computed from api_usage (raw for the short burn-rate windows) and its hourly rollups (28 days).
 */
export type SloDefinition = {
  key: "federation" | "public-api" | "sign-in";
  name: string;
  description: string;
  /** Which api_usage rows count: app (null = both), route template LIKE pattern, method (null = any). */
  app: "portal" | "tenant" | null;
  routePattern: string;
  method: string | null;
  availabilityObjective: number;
  latencyObjective: number;
  /** Must be one of the rollups' latency bucket bounds, so rollups can count slow requests. */
  latencyThresholdMs: (typeof LATENCY_BUCKET_BOUNDS_MS)[number];
};

export const SLO_WINDOW_DAYS = 28;

export const SLOS: readonly SloDefinition[] = [
  {
    key: "federation",
    name: "Federation endpoints",
    description: "/api/federation/* — keys, OIDC connections and tests, providers",
    app: "portal",
    routePattern: "/api/federation/%",
    method: null,
    availabilityObjective: 0.999,
    latencyObjective: 0.95,
    latencyThresholdMs: 500,
  },
  {
    key: "public-api",
    name: "Public API",
    description: "/api/v1/* — what tenants' integrations call with API keys",
    app: "tenant",
    routePattern: "/api/v1/%",
    method: null,
    availabilityObjective: 0.999,
    latencyObjective: 0.95,
    latencyThresholdMs: 500,
  },
  {
    key: "sign-in",
    name: "Sign-in",
    description: "POST /api/auth/* in both apps (password hashing makes it slower by design)",
    app: null,
    routePattern: "/api/auth/%",
    method: "POST",
    availabilityObjective: 0.999,
    latencyObjective: 0.95,
    latencyThresholdMs: 1000,
  },
];

export const SLI_KINDS = ["availability", "latency"] as const;
export type SliKind = (typeof SLI_KINDS)[number];

/**
 * Multi-window, multi-burn-rate alerts (Google SRE workbook, ch. 5): fire when both the long
 * and the short window burn the error budget at least `burnRate` times as fast as allowed.
 */
export const BURN_RATE_RULES = [
  { key: "fast", burnRate: 14.4, longWindowMs: 60 * 60_000, shortWindowMs: 5 * 60_000, severity: "critical" },
  { key: "medium", burnRate: 6, longWindowMs: 6 * 60 * 60_000, shortWindowMs: 30 * 60_000, severity: "high" },
  { key: "slow", burnRate: 1, longWindowMs: 3 * 24 * 60 * 60_000, shortWindowMs: 6 * 60 * 60_000, severity: "medium" },
] as const;
export type BurnRateRule = (typeof BURN_RATE_RULES)[number];

/** A burn-rate alert needs this many requests in its long window: one failure of three is not a page. */
export const BURN_RATE_MIN_REQUESTS = 20;

/** Windows up to this long are read per minute from raw api_usage; longer ones per hour from rollups. */
export const MINUTE_WINDOW_LIMIT_MS = 6 * 60 * 60_000;

/** 401 / 403 / 429 spikes: the last 5 minutes against the 5-minute average of the hour before. */
export const SPIKE_RULES = [
  { status: 401, kind: "auth_spike", label: "401 Unauthorized" },
  { status: 403, kind: "auth_spike", label: "403 Forbidden" },
  { status: 429, kind: "rate_limit_spike", label: "429 Too Many Requests" },
] as const;
export const SPIKE_WINDOW_MS = 5 * 60_000;
export const SPIKE_BASELINE_MS = 60 * 60_000;
/** A spike is at least this many responses in the window… */
export const SPIKE_MIN_COUNT = 20;
/** …and at least this many times the baseline's 5-minute average. */
export const SPIKE_FACTOR = 3;
