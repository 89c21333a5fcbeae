// The API Usage totals for the range against the prior period.

import type { ApiUsageTrend } from "@pp/core/usage/get-api-usage-trend";
import { KpiCard } from "@pp/ui/card";
import { formatCount, formatPercent } from "@pp/ui/format";
export function UsageKpis({ trend }: { trend: ApiUsageTrend }) {
  const { totals, priorTotals } = trend;
  const errorRate = totals.requests > 0 ? totals.errors / totals.requests : 0;
  const priorErrorRate = priorTotals.requests > 0 ? priorTotals.errors / priorTotals.requests : 0;
  return (
    <section aria-label="Usage totals" className="mb-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
      <KpiCard
        label="Requests"
        value={formatCount(totals.requests)}
        hint={change(totals.requests, priorTotals.requests)}
      />
      <KpiCard
        label="Errors"
        value={formatCount(totals.errors)}
        hint={change(totals.errors, priorTotals.errors)}
        tone={totals.errors > 0 ? "danger" : "neutral"}
      />
      <KpiCard
        label="Error rate"
        value={formatPercent(errorRate)}
        hint={`${formatPercent(priorErrorRate)} in the prior period`}
        tone={errorRate >= 0.05 ? "danger" : "neutral"}
      />
      <KpiCard
        label="429s"
        value={formatCount(totals.rateLimited)}
        hint={change(totals.rateLimited, priorTotals.rateLimited)}
        tone={totals.rateLimited > 0 ? "warn" : "neutral"}
      />
    </section>
  );
}

function change(current: number, prior: number): string {
  if (prior === 0) return current === 0 ? "None in the prior period either" : "None in the prior period";
  const delta = (current - prior) / prior;
  return `${delta >= 0 ? "+" : "−"}${formatPercent(Math.abs(delta))} vs prior period (${formatCount(prior)})`;
}
