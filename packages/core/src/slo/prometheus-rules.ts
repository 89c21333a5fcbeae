import {
  BURN_RATE_RULES,
  SLOS,
  type SliKind,
  type SloDefinition,
  SPIKE_FACTOR,
  SPIKE_MIN_COUNT,
  SPIKE_RULES,
} from "./slo-definitions";

/**
 * The Prometheus rules for the same SLOs and burn rates the in-app evaluator uses, built from the
 * one table in slo-definitions.ts; `ops/prometheus/alerts.yml` is this, written out (a test keeps
 * them equal). They read `http_server_request_duration_seconds` from /api/metrics.
 */
export type PrometheusRule =
  | { record: string; expr: string }
  | { alert: string; expr: string; for: string; labels: Record<string, string>; annotations: Record<string, string> };
export type PrometheusRules = { groups: { name: string; interval?: string; rules: PrometheusRule[] }[] };

const METRIC = "http_server_request_duration_seconds";
const WINDOWS = ["5m", "30m", "1h", "6h", "3d"] as const;

function promWindow(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

/** The SLO's requests as a label selector (LIKE `%` becomes a regex `.*`). */
function selector(slo: SloDefinition, extra = ""): string {
  const labels = [`route=~"${slo.routePattern.replaceAll("%", ".*")}"`];
  if (slo.app) labels.unshift(`app="${slo.app}"`);
  if (slo.method) labels.push(`method="${slo.method}"`);
  if (extra) labels.push(extra);
  return `{${labels.join(",")}}`;
}

function recordName(slo: SloDefinition, sli: SliKind, window: string): string {
  return `slo:${slo.key.replace("-", "_")}_${sli}:error_ratio_rate${window}`;
}

function title(slo: SloDefinition): string {
  return slo.name
    .replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => (next ?? "").toUpperCase())
    .replace(/^./, (c) => c.toUpperCase());
}

export function prometheusRules(): PrometheusRules {
  const recording: PrometheusRule[] = [];
  const alerting: PrometheusRule[] = [];
  for (const slo of SLOS) {
    for (const window of WINDOWS) {
      const total = `sum(rate(${METRIC}_count${selector(slo)}[${window}]))`;
      recording.push({
        record: recordName(slo, "availability", window),
        expr: `sum(rate(${METRIC}_count${selector(slo, 'status_class="5xx"')}[${window}])) / ${total}`,
      });
      recording.push({
        record: recordName(slo, "latency", window),
        expr: `1 - sum(rate(${METRIC}_bucket${selector(slo, `le="${slo.latencyThresholdMs / 1000}"`)}[${window}])) / ${total}`,
      });
    }
    for (const sli of ["availability", "latency"] as const) {
      const budget = sli === "availability" ? 1 - slo.availabilityObjective : 1 - slo.latencyObjective;
      for (const rule of BURN_RATE_RULES) {
        const long = recordName(slo, sli, promWindow(rule.longWindowMs));
        const short = recordName(slo, sli, promWindow(rule.shortWindowMs));
        const threshold = `${rule.burnRate} * ${Number(budget.toFixed(6))}`;
        alerting.push({
          alert: `${title(slo)}${sli === "availability" ? "Availability" : "Latency"}${rule.key[0]?.toUpperCase()}${rule.key.slice(1)}Burn`,
          expr: `${long} > (${threshold}) and ${short} > (${threshold})`,
          for: rule.key === "fast" ? "2m" : rule.key === "medium" ? "15m" : "1h",
          labels: { severity: rule.severity, slo: slo.key, sli },
          annotations: {
            summary: `${slo.name}: ${sli} error budget burning ≥ ${rule.burnRate}× (${promWindow(rule.longWindowMs)} and ${promWindow(rule.shortWindowMs)})`,
            description: `Objective ${sli === "availability" ? `${slo.availabilityObjective * 100}% non-5xx` : `${slo.latencyObjective * 100}% within ${slo.latencyThresholdMs} ms`} over 28 days; see /provider/reliability.`,
          },
        });
      }
    }
  }
  const spikes: PrometheusRule[] = SPIKE_RULES.map((rule) => ({
    alert: `Http${rule.status}Spike`,
    expr: `sum(increase(pp_http_responses_total{status="${rule.status}"}[5m])) >= ${SPIKE_MIN_COUNT} and sum(increase(pp_http_responses_total{status="${rule.status}"}[5m])) >= ${SPIKE_FACTOR} * (sum(increase(pp_http_responses_total{status="${rule.status}"}[1h] offset 5m)) / 12)`,
    for: "1m",
    labels: { severity: "high", kind: rule.kind },
    annotations: {
      summary: `Spike of ${rule.label} responses`,
      description: `At least ${SPIKE_MIN_COUNT} in 5 minutes and ${SPIKE_FACTOR}× the hour before's 5-minute average.`,
    },
  }));
  return {
    groups: [
      { name: "provider-portal-slo-recording", interval: "30s", rules: recording },
      { name: "provider-portal-slo-burn-alerts", rules: alerting },
      { name: "provider-portal-status-spikes", rules: spikes },
    ],
  };
}
