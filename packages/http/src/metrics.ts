import { timingSafeEqual } from "node:crypto";
import { AppError } from "@pp/core/errors";
import { env } from "@pp/env";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** What the usage buffer reports; read at scrape time. */
export type UsageBufferGauges = () => { written: number; dropped: number; buffered: number; failedFlushes: number };

type ProcessMetrics = { registry: Registry; flushSeconds: Histogram; sources: UsageBufferGauges[] };

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
  const created: ProcessMetrics = { registry, flushSeconds, sources };
  holder[KEY] = created;
  return created;
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
