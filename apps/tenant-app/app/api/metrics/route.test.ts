import { createUsageBuffer } from "@pp/core/usage/usage-buffer";
import { resetEnv } from "@pp/env";
import { observeUsageFlush, registerUsageBufferMetrics } from "@pp/http/metrics";
import { callRoute, testRequest } from "@pp/http/testing";
import { afterEach, describe, expect, it } from "vitest";
import { GET } from "./route";

const saved = { token: process.env.METRICS_TOKEN, nodeEnv: process.env.NODE_ENV };

afterEach(() => {
  process.env.METRICS_TOKEN = saved.token;
  Object.assign(process.env, { NODE_ENV: saved.nodeEnv });
  resetEnv();
});

function scrape(headers: Record<string, string> = {}) {
  return callRoute(GET, testRequest("/api/metrics", { headers }));
}

describe("GET /api/metrics", () => {
  it("reports usage rows written, dropped and buffered, flush latency and process defaults", async () => {
    // A buffer whose writer never succeeds: rows stay buffered, and the ones past maxRows are dropped.
    const buffer = createUsageBuffer({
      maxRows: 3,
      intervalMs: 60_000,
      write: async () => {
        throw new Error("database unreachable");
      },
    });
    registerUsageBufferMetrics(buffer.stats);
    observeUsageFlush(0.004);
    const event = {
      tenantId: null,
      apiKeyId: null,
      actor: null,
      app: "tenant" as const,
      route: "/api/v1/leads",
      method: "GET",
      status: 200,
      bytes: 10,
      durationMs: 1,
      at: Date.now(),
    };
    for (let index = 0; index < 5; index++) buffer.add(event);

    const response = await scrape();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toMatch(/^pp_usage_rows_written_total \d+$/m);
    expect(text).toMatch(/^pp_usage_rows_dropped_total [2-9]\d*$/m);
    expect(text).toMatch(/^pp_usage_rows_buffered [3-9]\d*$/m);
    expect(text).toMatch(/^pp_usage_flush_duration_seconds_bucket\{le="0\.005"\} [1-9]\d*$/m);
    expect(text).toContain("process_cpu_user_seconds_total");
    expect(text).toContain("nodejs_heap_size_used_bytes");
  });

  it("asks for the bearer token when METRICS_TOKEN is set", async () => {
    process.env.METRICS_TOKEN = "metrics-token-of-enough-length";
    resetEnv();
    expect((await scrape()).status).toBe(401);
    expect((await scrape({ authorization: "Bearer wrong-token-of-enough-length" })).status).toBe(401);
    expect((await scrape({ authorization: "Bearer metrics-token-of-enough-length" })).status).toBe(200);
  });

  it("is absent in production without a token", async () => {
    process.env.METRICS_TOKEN = "";
    Object.assign(process.env, { NODE_ENV: "production" });
    resetEnv();
    expect((await scrape()).status).toBe(404);
  });
});
