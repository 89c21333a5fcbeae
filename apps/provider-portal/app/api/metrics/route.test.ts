import { resetEnv } from "@pp/env";
import { callRoute, testRequest } from "@pp/http/testing";
import { afterEach, describe, expect, it } from "vitest";
import { GET } from "./route";

// The shared handler's details (every metric, production without a token) are tested in the tenant app.
const saved = process.env.METRICS_TOKEN;

afterEach(() => {
  process.env.METRICS_TOKEN = saved;
  resetEnv();
});

describe("GET /api/metrics (portal)", () => {
  it("serves the usage metrics and the process defaults, behind METRICS_TOKEN when set", async () => {
    process.env.METRICS_TOKEN = "portal-metrics-token-long-enough";
    resetEnv();
    const scrape = (authorization?: string) =>
      callRoute(GET, testRequest("/api/metrics", { headers: authorization ? { authorization } : {} }));
    expect((await scrape()).status).toBe(401);
    const response = await scrape("Bearer portal-metrics-token-long-enough");
    expect(response.status).toBe(200);
    const text = await response.text();
    for (const name of [
      "pp_usage_rows_written_total",
      "pp_usage_rows_dropped_total",
      "pp_usage_rows_buffered",
      "pp_usage_flush_duration_seconds_bucket",
      "process_resident_memory_bytes",
    ]) {
      expect(text).toContain(name);
    }
  });
});
