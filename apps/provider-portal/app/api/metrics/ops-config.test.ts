import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { recordJobRun } from "@pp/core/observability/job-run-stats";
import { prometheusRules } from "@pp/core/slo/prometheus-rules";
import { resetEnv } from "@pp/env";
import { observeRequest } from "@pp/http/metrics";
import { callRoute, testRequest } from "@pp/http/testing";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { GET } from "./route";

// ops/prometheus/alerts.yml and ops/grafana/provider-portal.json checked with real parsers against
// what /api/metrics really exports: a rule or panel naming a metric nobody serves fails here.
const ROOT = path.resolve(import.meta.dirname, "../../../../..");
const saved = process.env.METRICS_TOKEN;
let exported = new Set<string>();

beforeAll(async () => {
  process.env.METRICS_TOKEN = "ops-config-metrics-token-long-enough";
  resetEnv();
  observeRequest({ app: "portal", route: "/api/federation/keys", method: "GET", status: 401, durationMs: 3 });
  recordJobRun("alerts.evaluate", { ok: true, seconds: 0.1 });
  const response = await callRoute(
    GET,
    testRequest("/api/metrics", { headers: { authorization: "Bearer ops-config-metrics-token-long-enough" } }),
  );
  const text = await response.text();
  exported = new Set(
    [...text.matchAll(/^# TYPE (\S+) (\w+)$/gm)].flatMap(([, name = "", type]) =>
      type === "histogram" ? [name, `${name}_bucket`, `${name}_count`, `${name}_sum`] : [name],
    ),
  );
});

afterEach(() => {
  process.env.METRICS_TOKEN = saved;
  resetEnv();
});

const PROMQL_KEYWORDS = new Set([
  "sum",
  "rate",
  "increase",
  "by",
  "and",
  "or",
  "offset",
  "histogram_quantile",
  "max",
  "time",
]);

/** Metric (or recording-rule) names a PromQL expression reads: identifiers followed by a selector or range. */
function metricsIn(expr: string): string[] {
  return [...expr.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?=[{[])/g)]
    .map(([, name = ""]) => name)
    .concat([...expr.matchAll(/\b(slo:[a-z_]+:[a-z_0-9]+)\b/g)].map(([, name = ""]) => name))
    .filter((name) => !PROMQL_KEYWORDS.has(name));
}

function balanced(expr: string): boolean {
  const pairs: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
  const stack: string[] = [];
  for (const char of expr.replace(/"[^"]*"/g, "")) {
    if ("([{".includes(char)) stack.push(char);
    else if (char in pairs && stack.pop() !== pairs[char]) return false;
  }
  return stack.length === 0;
}

type Rule = {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
};

describe("ops/prometheus/alerts.yml", () => {
  const file = parse(readFileSync(path.join(ROOT, "ops/prometheus/alerts.yml"), "utf8")) as {
    groups: { name: string; rules: Rule[] }[];
  };
  const rules = file.groups.flatMap((group) => group.rules);
  const recorded = new Set(rules.flatMap((rule) => (rule.record ? [rule.record] : [])));

  it("is what `npm run ops:rules` generates from the SLO table (same SLOs and burn rates as the app)", () => {
    expect(file).toEqual(prometheusRules());
  });

  it("has the structure Prometheus loads: named groups, unique names, a severity and summary per alert", () => {
    expect(file.groups.map((group) => group.name)).toEqual([
      "provider-portal-slo-recording",
      "provider-portal-slo-burn-alerts",
      "provider-portal-status-spikes",
    ]);
    const alerts = rules.filter((rule) => rule.alert);
    // 3 SLOs × 2 SLIs × 3 burn rules, and 401 / 403 / 429 spikes.
    expect(alerts).toHaveLength(21);
    expect(new Set(alerts.map((rule) => rule.alert)).size).toBe(21);
    for (const rule of rules) {
      expect(Boolean(rule.record) !== Boolean(rule.alert)).toBe(true);
      expect(balanced(rule.expr), rule.expr).toBe(true);
      if (rule.record) expect(rule.record).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/);
      if (rule.alert) {
        expect(rule.alert).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
        expect(rule.for).toMatch(/^\d+[smh]$/);
        expect(["critical", "high", "medium"]).toContain(rule.labels?.severity);
        expect(rule.annotations?.summary).toBeTruthy();
      }
    }
    const fast = alerts.find((rule) => rule.alert === "FederationEndpointsAvailabilityFastBurn");
    expect(fast?.expr).toBe(
      "slo:federation_availability:error_ratio_rate1h > (14.4 * 0.001) and slo:federation_availability:error_ratio_rate5m > (14.4 * 0.001)",
    );
  });

  it("passes `promtool check rules` where Debian's prometheus package is installed", () => {
    const promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool"].find((candidate) => existsSync(candidate));
    // The YAML checks above run everywhere; promtool adds PromQL parsing where present.
    if (!promtool) return;
    const output = execFileSync(promtool, ["check", "rules", path.join(ROOT, "ops/prometheus/alerts.yml")], {
      encoding: "utf8",
    });
    expect(output).toContain("SUCCESS: 51 rules found");
  });

  it("reads only metrics /api/metrics exports or rules it records", () => {
    for (const rule of rules) {
      for (const name of metricsIn(rule.expr)) {
        expect(exported.has(name) || recorded.has(name), `${name} in ${rule.record ?? rule.alert}`).toBe(true);
      }
    }
  });
});

describe("ops/grafana/provider-portal.json", () => {
  const dashboard = JSON.parse(readFileSync(path.join(ROOT, "ops/grafana/provider-portal.json"), "utf8")) as {
    uid: string;
    panels: { id: number; title: string; targets: { expr: string }[]; gridPos: { w: number; h: number } }[];
  };
  const rules = (
    parse(readFileSync(path.join(ROOT, "ops/prometheus/alerts.yml"), "utf8")) as { groups: { rules: Rule[] }[] }
  ).groups.flatMap((group) => group.rules);
  const recorded = new Set(rules.flatMap((rule) => (rule.record ? [rule.record] : [])));

  it("is a dashboard whose every panel queries metrics the apps export (or the SLO recording rules)", () => {
    expect(dashboard.uid).toBe("provider-portal");
    expect(new Set(dashboard.panels.map((panel) => panel.id)).size).toBe(dashboard.panels.length);
    for (const panel of dashboard.panels) {
      expect(panel.targets.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets) {
        expect(balanced(target.expr), target.expr).toBe(true);
        for (const name of metricsIn(target.expr)) {
          expect(exported.has(name) || recorded.has(name), `${name} in "${panel.title}"`).toBe(true);
        }
      }
    }
    const queried = dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr)).join(" ");
    for (const name of ["http_server_request_duration_seconds_bucket", "pp_db_pool_connections", "pp_job_runs_total"]) {
      expect(queried).toContain(name);
    }
  });
});
