import { cachedHealthBacktest } from "@pp/core/health/backtest-health-score";
import { HEALTH_BAND_LABELS } from "@pp/core/health/health-components";
import { listTenantHealth, type TenantHealthTile } from "@pp/core/health/list-tenant-health";
import { scoreUnscoredTenants } from "@pp/core/health/score-unscored-tenants";
import { getNpsSummary } from "@pp/core/nps/get-nps-summary";
import { listAssignableStaff } from "@pp/core/success/list-assignable-staff";
import { listTenantFilterOptions } from "@pp/core/tenants/list-tenant-filter-options";
import { ButtonLink } from "@pp/ui/button";
import { EmptyState } from "@pp/ui/empty-state";
import { FilterBar } from "@pp/ui/filter-bar";
import { PageHeader } from "@pp/ui/page-header";
import { Pagination } from "@pp/ui/pagination";
import { Tabs } from "@pp/ui/tabs";
import { hrefWith, type UrlParams } from "@pp/ui/url";
import clsx from "clsx";
import { HeartPulse } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ZTenantHealthQuery } from "@/app/api/provider/tenants/health/schema";
import { TRADE_LABELS_LIST, tradeLabel } from "@/lib/labels";
import { permissionFor } from "@/lib/navigation";
import { parsePageParams } from "@/lib/query-params";
import { requireStaff } from "@/lib/session";
import { HealthBadge, TrendArrow } from "../clients/[id]/health-badge";
import { BacktestPanel } from "./backtest-panel";
import { NpsPanel } from "./nps-panel";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Tenant Health" };

const PATH = "/provider/tenant-health";
const SORTS = [
  { key: "score", label: "Lowest score first" },
  { key: "drop", label: "Largest drop first" },
] as const;
const BAND_BORDERS = {
  healthy: "border-l-success-600",
  watch: "border-l-warn-600",
  at_risk: "border-l-danger-600",
} as const;

/** Tenant Health: a tile per client — score, band, trend, the top reason — filtered and sorted in the URL. */
export default async function TenantHealthPage({ searchParams }: { searchParams: Promise<UrlParams> }) {
  await requireStaff(permissionFor(PATH));
  const params = await searchParams;
  const query = parsePageParams(ZTenantHealthQuery, params);
  // A client created since the nightly run gets its first score now, so it has a tile at once.
  await scoreUnscoredTenants();
  const [page, staff, options, nps, backtest] = await Promise.all([
    listTenantHealth({ ...query, limit: query.limit ?? 24 }),
    listAssignableStaff(),
    listTenantFilterOptions(),
    getNpsSummary(),
    cachedHealthBacktest(),
  ]);
  const sort = query.sort ?? "score";
  const filtered = Boolean(query.band || query.csmUserId || query.trade || query.planId);
  return (
    <>
      <PageHeader
        title="Tenant Health"
        description="Every client's health score, what drives it, and where it is heading."
        actions={<ButtonLink href="/provider/tenant-health/playbooks">Playbook templates</ButtonLink>}
      />
      <Tabs
        label="Sort"
        current={sort}
        items={SORTS.map((s) => ({ ...s, href: hrefWith(PATH, params, { sort: s.key, cursor: null }) }))}
      />
      <FilterBar
        pathname={PATH}
        params={params}
        keep={["sort"]}
        fields={[
          {
            kind: "select",
            name: "band",
            label: "Band",
            options: Object.entries(HEALTH_BAND_LABELS).map(([value, label]) => ({ value, label })),
          },
          {
            kind: "select",
            name: "csmUserId",
            label: "CSM",
            options: staff.map((member) => ({ value: member.userId, label: member.name })),
          },
          { kind: "select", name: "trade", label: "Trade", options: TRADE_LABELS_LIST },
          {
            kind: "select",
            name: "planId",
            label: "Plan",
            options: options.plans.map((plan) => ({ value: plan.id, label: plan.name })),
          },
        ]}
      />
      {page.data.length === 0 ? (
        <EmptyState
          icon={<HeartPulse />}
          title={filtered ? "No client matches these filters" : "No clients scored yet"}
          description={
            filtered
              ? "Clear a filter to see more clients."
              : "Scores appear once a client exists; the nightly job updates them every day."
          }
        />
      ) : (
        <ul aria-label="Client health tiles" className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {page.data.map((tile) => (
            <Tile key={tile.tenantId} tile={tile} />
          ))}
        </ul>
      )}
      <Pagination pathname={PATH} params={params} nextCursor={page.nextCursor} shown={page.data.length} />
      <BacktestPanel backtest={backtest} />
      <NpsPanel nps={nps} />
    </>
  );
}

function Tile({ tile }: { tile: TenantHealthTile }) {
  return (
    <li
      className={clsx("rounded-card border border-l-4 border-line bg-surface p-4 shadow-card", BAND_BORDERS[tile.band])}
    >
      <div className="flex items-start justify-between gap-2">
        <Link
          href={`/provider/clients/${tile.tenantId}`}
          className="font-semibold text-slate-900 hover:text-brand-700 hover:underline"
        >
          {tile.name}
        </Link>
        <span className="text-2xl font-semibold text-slate-900 tabular-nums">{tile.score}</span>
      </div>
      <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-500">
        <HealthBadge band={tile.band} />
        <TrendArrow trend={tile.trend} previous={tile.previousScore} />
        <span>
          {tradeLabel(tile.trade)} · {tile.planName ?? "No plan"} · {tile.csmName ?? "No CSM"}
        </span>
      </div>
      <p className="mt-2 text-sm text-slate-700">{tile.topReason ?? "Every component at full marks"}</p>
    </li>
  );
}
