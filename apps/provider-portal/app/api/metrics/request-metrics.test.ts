import { recordJobRun } from "@pp/core/observability/job-run-stats";
import { resetEnv } from "@pp/env";
import { observeRequest } from "@pp/http/metrics";
import { callRoute, testRequest } from "@pp/http/testing";
import { afterEach, describe, expect, it } from "vitest";
import { GET } from "./route";

const saved = process.env.METRICS_TOKEN;
afterEach(() => {
  process.env.METRICS_TOKEN = saved;
  resetEnv();
});

describe("GET /api/metrics: request, pool and job metrics", () => {
  it("reports request durations by route template, method and status class, and job runs", async () => {
    process.env.METRICS_TOKEN = "request-metrics-token-long-enough";
    resetEnv();
    observeRequest({ app: "portal", route: "/api/federation/keys", method: "GET", status: 503, durationMs: 700 });
    observeRequest({ app: "portal", route: "/api/federation/keys", method: "GET", status: 200, durationMs: 20 });
    recordJobRun("alerts.evaluate", { ok: true, seconds: 0.25, at: new Date("2026-01-01T00:00:00Z") });
    recordJobRun("alerts.evaluate", { ok: false, seconds: 1.5 });
    const response = await callRoute(
      GET,
      testRequest("/api/metrics", { headers: { authorization: "Bearer request-metrics-token-long-enough" } }),
    );
    const text = await response.text();
    const labels = 'app="portal",route="/api/federation/keys",method="GET"';
    // 700 ms falls in the 1 s bucket, not the 0.5 s one.
    expect(text).toContain(`http_server_request_duration_seconds_bucket{le="0.5",${labels},status_class="5xx"} 0`);
    expect(text).toContain(`http_server_request_duration_seconds_bucket{le="1",${labels},status_class="5xx"} 1`);
    expect(text).toContain(`http_server_request_duration_seconds_count{${labels},status_class="2xx"} 1`);
    expect(text).toContain('pp_job_runs_total{job="alerts.evaluate",outcome="succeeded"} 1');
    expect(text).toContain('pp_job_runs_total{job="alerts.evaluate",outcome="failed"} 1');
    expect(text).toContain('pp_job_last_duration_seconds{job="alerts.evaluate"} 1.5');
    expect(text).toContain('pp_job_last_success_timestamp_seconds{job="alerts.evaluate"} 1767225600');
  });
});
