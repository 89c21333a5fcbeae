import { staffCan } from "@pp/core/auth/permissions";
import { isAppError } from "@pp/core/errors";
import { getRevenueCohorts } from "@pp/core/revenue/get-revenue-cohorts";
import { getRevenueForecast } from "@pp/core/revenue/get-revenue-forecast";
import { getRevenueSegments } from "@pp/core/revenue/get-revenue-segments";
import { getRevenueSummary } from "@pp/core/revenue/get-revenue-summary";
import { getRevenueWaterfall } from "@pp/core/revenue/get-revenue-waterfall";
import { addMonthsTo, monthOf } from "@pp/core/revenue/ledger-math";
import { listRevenueMovements } from "@pp/core/revenue/list-revenue-movements";
import type { TenantMrrReads } from "@pp/core/revenue/load-tenant-mrr";
import { LEAD_SOURCES, MRR_MOVEMENTS } from "@pp/db/schema";
import { ButtonLink } from "@pp/ui/button";
import { Card } from "@pp/ui/card";
import { EmptyState } from "@pp/ui/empty-state";
import { ErrorState } from "@pp/ui/error-state";
import { FilterBar } from "@pp/ui/filter-bar";
import { PageHeader } from "@pp/ui/page-header";
import { firstParam, hrefWith, type UrlParams } from "@pp/ui/url";
import { TrendingUp } from "lucide-react";
import type { Metadata } from "next";
import { permissionFor } from "@/lib/navigation";
import { requireStaff } from "@/lib/session";
import { AcquisitionSpendForm } from "./acquisition-spend-form";
import { CohortTable } from "./cohort-table";
import { ForecastCard } from "./forecast-card";
import { KpiCards } from "./kpi-cards";
import { MovementsDrawer } from "./movements-drawer";
import { SegmentsTable } from "./segments-table";
import { WaterfallChart } from "./waterfall-chart";
import { WaterfallTable } from "./waterfall-table";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Revenue Intelligence" };

const PATH = "/provider/revenue-intelligence";
const COHORT_MONTHS = 24;
type Props = { searchParams: Promise<UrlParams> };

/** Revenue Intelligence: KPIs, MRR with forecast, waterfall, cohorts and segments — all from the MRR ledger. */
export default async function RevenueIntelligencePage({ searchParams }: Props) {
  const staff = await requireStaff(permissionFor(PATH));
  const params = await searchParams;
  const query = {
    from: firstParam(params, "from"),
    to: firstParam(params, "to"),
    segment: firstParam(params, "segment"),
  };
  let data: Awaited<ReturnType<typeof load>>;
  try {
    data = await load(query);
  } catch (error) {
    if (isAppError(error) && error.status < 500) {
      return (
        <>
          <PageHeader title="Revenue Intelligence" />
          <ErrorState
            title="Those filters do not work"
            message={`${error.message}. Clear the filters and try again.`}
          />
        </>
      );
    }
    throw error;
  }
  const { summary, waterfall, cohorts, forecast, segments, options } = data;
  const range = { from: summary.period.from, to: summary.period.to, segment: query.segment };
  const csv = (view: string) => hrefWith(`/api/provider/revenue/${view}`, {}, { ...range, format: "csv" });
  const drillHref = (type: string | null, month: string | null) =>
    hrefWith(PATH, params, { drill: type ?? "all", drillMonth: month, drillCursor: null });
  const drawer = await drillDown(params, range);
  const latest = waterfall.months.at(-1);

  return (
    <>
      <PageHeader
        title="Revenue Intelligence"
        description={`${summary.period.from} to ${summary.period.to}${query.segment ? ` · ${query.segment}` : ""}, compared with ${summary.priorPeriod.from} to ${summary.priorPeriod.to}. Every figure comes from the MRR ledger.`}
        actions={
          <>
            <ButtonLink href={csv("summary")} variant="secondary">
              KPIs CSV
            </ButtonLink>
            <ButtonLink href={csv("movements")} variant="secondary">
              Movements CSV
            </ButtonLink>
          </>
        }
      />
      <FilterBar
        pathname={PATH}
        params={params}
        fields={[
          { kind: "text", name: "from", label: "From month", placeholder: summary.period.from },
          { kind: "text", name: "to", label: "To month", placeholder: summary.period.to },
          { kind: "select", name: "segment", label: "Segment", anyLabel: "All clients", options },
        ]}
      />
      {summary.kpis.mrrCents === 0 && summary.prior.mrrCents === 0 && summary.kpis.movements.new === 0 ? (
        <EmptyState
          className="mb-6"
          icon={<TrendingUp />}
          title="No recurring revenue in this period yet"
          description="Start a subscription from a client's Billing tab: new, expansion, contraction, churn and reactivation appear here as they happen, and cohorts and the forecast fill in as months of history accrue."
        />
      ) : null}
      <KpiCards summary={summary} drillHref={drillHref(null, null)} />
      <div className="grid gap-6">
        <ForecastCard forecast={forecast} />
        <Card
          title="MRR waterfall"
          description="The latest month as a chart; every month below: start MRR, what each kind of movement added or took away, end MRR. Click a figure for the clients behind it."
          actions={
            <a href={csv("waterfall")} className="text-xs font-medium text-brand-700 hover:underline">
              CSV
            </a>
          }
          bodyClassName="p-0"
        >
          {latest ? (
            <div className="border-b border-line px-5 py-4">
              <WaterfallChart month={latest} />
            </div>
          ) : null}
          <WaterfallTable months={waterfall.months} drillHref={drillHref} />
        </Card>
        <Card
          title="Cohorts"
          description="Clients grouped by the month they first paid: MRR kept (and share of clients still paying) in each month after."
          actions={
            <a href={csv("cohorts")} className="text-xs font-medium text-brand-700 hover:underline">
              CSV
            </a>
          }
        >
          {cohorts.cohorts.length === 0 ? (
            <p className="text-sm text-slate-500">
              No client first paid in this period: widen the range to see cohorts.
            </p>
          ) : (
            <CohortTable cohorts={cohorts.cohorts} />
          )}
        </Card>
        <Card
          title="Segments"
          description="By current plan, trade, region (service-area state) and main lead source. Click one to filter the page."
          actions={
            <a href={csv("segments")} className="text-xs font-medium text-brand-700 hover:underline">
              CSV
            </a>
          }
          bodyClassName="p-0"
        >
          {segments.segments.length === 0 ? (
            <p className="px-5 py-4 text-sm text-slate-500">No paying clients in this period.</p>
          ) : (
            <SegmentsTable
              segments={segments.segments}
              filterHref={(segment) => hrefWith(PATH, params, { segment, drill: null })}
            />
          )}
        </Card>
        {staffCan(staff.role, "billing:write") ? (
          <Card
            title="Acquisition spend"
            description="Monthly marketing and sales spend per channel: with it, LTV:CAC appears on the KPI cards."
          >
            <AcquisitionSpendForm channels={LEAD_SOURCES} defaultMonth={summary.period.to} />
          </Card>
        ) : null}
      </div>
      {drawer ? (
        <MovementsDrawer
          title={drawer.title}
          page={drawer.page}
          closeHref={hrefWith(PATH, params, { drill: null, drillMonth: null, drillCursor: null })}
          nextHref={drawer.page.nextCursor ? hrefWith(PATH, params, { drillCursor: drawer.page.nextCursor }) : null}
          csvHref={drawer.csvHref}
        />
      ) : null}
    </>
  );
}

async function load(filters: { from?: string; to?: string; segment?: string }) {
  // Every view at one instant, sharing the clients' MRR reads (today's is read once, not per view).
  const now = new Date();
  const query = { ...filters, now, reads: new Map() as TenantMrrReads };
  const [summary, waterfall, cohorts, forecast, segments, all] = await Promise.all([
    getRevenueSummary(query),
    getRevenueWaterfall(query),
    // Cohorts need history: 24 months unless a range is chosen.
    getRevenueCohorts({
      ...query,
      from: query.from ?? addMonthsTo(query.to ?? monthOf(now), -(COHORT_MONTHS - 1)),
    }),
    getRevenueForecast(query),
    getRevenueSegments(query),
    query.segment ? getRevenueSegments({ ...query, segment: undefined }) : null,
  ]);
  const options = (all ?? segments).segments.map((row) => ({
    value: `${row.kind}:${row.value}`,
    label: `${row.kind}: ${row.value}`,
  }));
  return { summary, waterfall, cohorts, forecast, segments, options };
}

async function drillDown(params: UrlParams, range: { from: string; to: string; segment?: string }) {
  const drill = firstParam(params, "drill");
  if (!drill) return null;
  const type = MRR_MOVEMENTS.find((t) => t === drill);
  const month = firstParam(params, "drillMonth");
  const scope = month ? { from: month, to: month } : { from: range.from, to: range.to };
  const filters = { ...scope, segment: range.segment, type, cursor: firstParam(params, "drillCursor"), limit: 25 };
  const page = await listRevenueMovements(filters);
  return {
    title: `${type ? `${type[0]?.toUpperCase()}${type.slice(1)}` : "All movements"} · ${month ?? `${range.from} to ${range.to}`}`,
    page,
    csvHref: hrefWith("/api/provider/revenue/movements", {}, { ...scope, segment: range.segment, type, format: "csv" }),
  };
}
