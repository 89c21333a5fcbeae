// The API Usage tables' columns: endpoints (calls, errors, latency) and tenants against their rate limit.

import type { LatencyEstimate } from "@pp/core/usage/api-usage-percentiles";
import type { EndpointUsage } from "@pp/core/usage/list-endpoint-usage";
import type { TenantUsage } from "@pp/core/usage/list-tenant-usage";
import { Badge } from "@pp/ui/badge";
import type { Column } from "@pp/ui/data-table";
import { formatBytes, formatCount, formatPercent } from "@pp/ui/format";
import Link from "next/link";
import { EditRateLimitButton } from "./edit-rate-limit-dialog";

export const ENDPOINT_COLUMNS: readonly Column<EndpointUsage>[] = [
  {
    key: "endpoint",
    header: "Endpoint",
    cell: (row) => (
      <span className="flex items-center gap-2">
        <Badge tone="neutral">{row.method}</Badge>
        <span className="font-mono text-xs text-slate-900">{row.route}</span>
        {row.app === "portal" ? <span className="text-xs text-slate-400">portal</span> : null}
      </span>
    ),
  },
  {
    key: "requests",
    className: "whitespace-nowrap",
    header: "Requests",
    align: "right",
    cell: (row) => formatCount(row.requests),
  },
  {
    key: "errors",
    className: "whitespace-nowrap",
    header: "Error %",
    align: "right",
    cell: (row) => (
      <span className={row.errorRate >= 0.05 ? "text-danger-700" : undefined}>{formatPercent(row.errorRate)}</span>
    ),
  },
  {
    key: "429s",
    className: "whitespace-nowrap",
    header: "429s",
    align: "right",
    cell: (row) => formatCount(row.rateLimited),
  },
  { key: "p50", className: "whitespace-nowrap", header: "p50", align: "right", cell: (row) => formatLatency(row.p50) },
  { key: "p95", className: "whitespace-nowrap", header: "p95", align: "right", cell: (row) => formatLatency(row.p95) },
  { key: "p99", className: "whitespace-nowrap", header: "p99", align: "right", cell: (row) => formatLatency(row.p99) },
  {
    key: "bytes",
    className: "whitespace-nowrap",
    header: "Bytes",
    align: "right",
    cell: (row) => formatBytes(row.bytes),
  },
];

export function tenantColumns({ canEditLimits, linkToClient }: { canEditLimits: boolean; linkToClient: boolean }) {
  const columns: Column<TenantUsage>[] = [
    {
      key: "tenant",
      header: "Tenant",
      cell: (row) =>
        linkToClient ? (
          <Link
            href={`/provider/clients/${row.tenantId}/usage`}
            className="font-medium text-slate-900 hover:text-brand-700"
          >
            {row.tenantName}
          </Link>
        ) : (
          <span className="font-medium text-slate-900">{row.tenantName}</span>
        ),
    },
    {
      key: "requests",
      header: "Requests",
      align: "right",
      sortKey: "requests",
      firstDirection: "desc",
      cell: (row) => formatCount(row.requests),
    },
    {
      key: "errorRate",
      header: "Error rate",
      align: "right",
      sortKey: "errorRate",
      firstDirection: "desc",
      cell: (row) => formatPercent(row.errorRate),
    },
    {
      key: "rateLimited",
      header: "429s",
      align: "right",
      sortKey: "rateLimited",
      firstDirection: "desc",
      cell: (row) => (
        <span className={row.rateLimited > 0 ? "text-warn-700" : undefined}>{formatCount(row.rateLimited)}</span>
      ),
    },
    {
      key: "peak",
      className: "whitespace-nowrap",
      header: "Peak minute",
      align: "right",
      sortKey: "peak",
      firstDirection: "desc",
      cell: (row) => (
        <span title={`${formatCount(row.peakMinuteRequests)} requests in the busiest minute`}>
          <span className={row.peakPercentOfLimit >= 80 ? "font-semibold text-danger-700" : undefined}>
            {row.peakPercentOfLimit}%
          </span>
          <span className="ml-1 text-xs text-slate-400">({formatCount(row.peakMinuteRequests)}/min)</span>
        </span>
      ),
    },
    {
      key: "limit",
      className: "whitespace-nowrap",
      header: "Limit",
      align: "right",
      cell: (row) => (
        <span data-testid="rate-limit">
          {formatCount(row.limit)}/min
          <span className="ml-1 text-xs text-slate-400">{LIMIT_SOURCES[row.limitSource]}</span>
        </span>
      ),
    },
  ];
  if (canEditLimits) {
    columns.push({
      key: "edit",
      header: <span className="sr-only">Actions</span>,
      align: "right",
      cell: (row) => (
        <EditRateLimitButton
          tenantId={row.tenantId}
          tenantName={row.tenantName}
          limit={row.limit}
          limitSource={row.limitSource}
        />
      ),
    });
  }
  return columns;
}

const LIMIT_SOURCES = { override: "override", plan: "plan", default: "default" } as const;

function formatLatency(estimate: LatencyEstimate | null): string {
  if (!estimate) return "—";
  if (estimate.aboveLastBound) return "> 5 s";
  return estimate.ms >= 1000 ? `${(estimate.ms / 1000).toFixed(2)} s` : `${Math.round(estimate.ms)} ms`;
}
