import { timingSafeEqual } from "node:crypto";
import { AppError } from "@pp/core/errors";
import { jobRunStats } from "@pp/core/observability/job-run-stats";
import { getPool } from "@pp/db";
import { env } from "@pp/env";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** What the usage buffer reports; read at scrape time. */
export type UsageBufferGauges = () => { written: number; dropped: number; buffered: number; failedFlushes: number };

type ProcessMetrics = {
  registry: Registry;
  flushSeconds: Histogram;
  requestSeconds: Histogram;
  responses: Counter;
  sources: UsageBufferGauges[];
};

// One registry per process, kept on globalThis so Next.js's per-route module copies share it.
const KEY = Symbol.for("pp.metrics");
type Holder = { [KEY]?: ProcessMetrics };

function processMetrics(): ProcessMetrics {
  const holder = globalThis as Holder;
  const existing = holder[KEY];
  if (existing) return existing;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const sources: UsageBufferGauges[] = [];
  const total = (pick: (stats: ReturnType<UsageBufferGauges>) => number) =>
    sources.reduce((sum, source) => sum + pick(source()), 0);
  new Counter({
    name: "pp_usage_rows_written_total",
    help: "api_usage rows written to the database by this process",
    registers: [registry],
    collect() {
      this.reset();
      this.inc(total((stats) => stats.written));
    },
  });
  new Counter({
    name: "pp_usage_rows_dropped_total",
    help: "api_usage rows dropped because the usage buffer was full",
    registers: [registry],
    collect() {
      this.reset();
      this.inc(total((stats) => stats.dropped));
    },
  });
  new Counter({
    name: "pp_usage_flush_failures_total",
    help: "Usage buffer writes that failed and were retried",
    registers: [registry],
    collect() {
      this.reset();
      this.inc(total((stats) => stats.failedFlushes));
    },
  });
  new Gauge({
    name: "pp_usage_rows_buffered",
    help: "api_usage rows waiting in the usage buffer",
    registers: [registry],
    collect() {
      this.set(total((stats) => stats.buffered));
    },
  });
  const flushSeconds = new Histogram({
    name: "pp_usage_flush_duration_seconds",
    help: "Time to write one batch of api_usage rows",
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  // Request durations by route template (never the raw path: bounded label values), method and status class.
  const requestSeconds = new Histogram({
    name: "http_server_request_duration_seconds",
    help: "Time to answer an HTTP request, by route template, method and status class",
    labelNames: ["app", "route", "method", "status_class"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  // Exact status codes (a small, bounded set) for the 401 / 403 / 429 spike alerts.
  const responses = new Counter({
    name: "pp_http_responses_total",
    help: "HTTP responses by app and status code",
    labelNames: ["app", "status"],
    registers: [registry],
  });
  registerPoolAndJobMetrics(registry);
  const created: ProcessMetrics = { registry, flushSeconds, requestSeconds, responses, sources };
  holder[KEY] = created;
  return created;
}

/** DB pool connections and background-job runs, read at scrape time. */
function registerPoolAndJobMetrics(registry: Registry): void {
  new Gauge({
    name: "pp_db_pool_connections",
    help: "Database pool connections by state (total, idle, waiting clients)",
    labelNames: ["state"],
    registers: [registry],
    collect() {
      if (!env().DATABASE_URL) return;
      const pool = getPool();
      this.set({ state: "total" }, pool.totalCount);
      this.set({ state: "idle" }, pool.idleCount);
      this.set({ state: "waiting" }, pool.waitingCount);
    },
  });
  new Counter({
    name: "pp_job_runs_total",
    help: "Background job runs in this process, by job and outcome",
    labelNames: ["job", "outcome"],
    registers: [registry],
    collect() {
      this.reset();
      for (const [job, stats] of jobRunStats()) {
        this.inc({ job, outcome: "succeeded" }, stats.succeeded);
        this.inc({ job, outcome: "failed" }, stats.failed);
      }
    },
  });
  new Gauge({
    name: "pp_job_last_duration_seconds",
    help: "How long each job's last run took",
    labelNames: ["job"],
    registers: [registry],
    collect() {
      for (const [job, stats] of jobRunStats()) this.set({ job }, stats.lastDurationSeconds);
    },
  });
  new Gauge({
    name: "pp_job_last_success_timestamp_seconds",
    help: "When each job last succeeded (Unix time)",
    labelNames: ["job"],
    registers: [registry],
    collect() {
      for (const [job, stats] of jobRunStats()) this.set({ job }, stats.lastSuccessAt);
    },
  });
}

/** Observes one answered request for http_server_request_duration_seconds. */
export function observeRequest(request: {
  app: string;
  route: string;
  method: string;
  status: number;
  durationMs: number;
}): void {
  const metrics = processMetrics();
  metrics.responses.inc({ app: request.app, status: String(request.status) });
  metrics.requestSeconds
    .labels({
      app: request.app,
      route: request.route,
      method: request.method,
      status_class: `${Math.floor(request.status / 100)}xx`,
    })
    .observe(request.durationMs / 1000);
}

/** Reports a usage buffer's counters on /api/metrics (once per buffer). */
export function registerUsageBufferMetrics(stats: UsageBufferGauges): void {
  const { sources } = processMetrics();
  if (!sources.includes(stats)) sources.push(stats);
}

/** Observes one successful usage flush (seconds). */
export function observeUsageFlush(seconds: number): void {
  processMetrics().flushSeconds.observe(seconds);
}

/**
 * GET /api/metrics: Prometheus text. With METRICS_TOKEN set it needs `Authorization: Bearer
 * <token>` (401 otherwise); without it, it is open outside production and absent (404) in production.
 */
export async function metricsResponse(request: Request): Promise<Response> {
  const token = env().METRICS_TOKEN;
  if (token) {
    const given = /^Bearer +(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1]?.trim() ?? "";
    if (!sameSecret(given, token)) {
      throw new AppError("unauthenticated", "Send the metrics token in the header Authorization: Bearer <token>", {
        headers: { "WWW-Authenticate": 'Bearer realm="metrics"' },
      });
    }
  } else if (env().NODE_ENV === "production") {
    throw new AppError("not_found");
  }
  const { registry } = processMetrics();
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
