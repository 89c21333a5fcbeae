import { db, type Executor } from "@pp/db";
import { streamCsv } from "../csv/stream-csv";
import { getRevenueCohorts } from "./get-revenue-cohorts";
import { getRevenueForecast } from "./get-revenue-forecast";
import { getRevenueSegments } from "./get-revenue-segments";
import { getRevenueSummary, type RevenueKpis } from "./get-revenue-summary";
import { getRevenueWaterfall } from "./get-revenue-waterfall";
import { listRevenueMovements, type TRevenueMovementsQuery } from "./list-revenue-movements";
import type { TRevenueQuery } from "./revenue-query";

export const REVENUE_CSV_VIEWS = ["summary", "waterfall", "cohorts", "forecast", "segments", "movements"] as const;
export type RevenueCsvView = (typeof REVENUE_CSV_VIEWS)[number];

const MOVEMENTS_BATCH = 100;

export function revenueCsvFilename(view: RevenueCsvView, query: TRevenueQuery): string {
  return `revenue-${view}${query.from ? `-${query.from}` : ""}${query.to ? `-to-${query.to}` : ""}.csv`;
}

/** A revenue view as CSV (cents and ratios as numbers), same filters and figures as its JSON; movements stream page by page. */
export function streamRevenueCsv(
  options: { view: RevenueCsvView; query: TRevenueMovementsQuery; now?: Date },
  executor: Executor = db,
): ReadableStream<Uint8Array> {
  const { view, query, now } = options;
  if (view === "movements") {
    let cursor: string | undefined;
    let done = false;
    return streamCsv({
      columns: MOVEMENT_COLUMNS,
      nextBatch: async () => {
        if (done) return undefined;
        const page = await listRevenueMovements({ ...query, limit: MOVEMENTS_BATCH, cursor, now }, executor);
        cursor = page.nextCursor ?? undefined;
        done = !cursor;
        return page.data.map((m) => [
          m.effectiveAt,
          m.type,
          m.tenantId,
          m.tenantName,
          m.fromPlan,
          m.toPlan,
          m.mrrBeforeCents,
          m.mrrAfterCents,
          m.changeCents,
          m.id,
        ]);
      },
    });
  }
  let sent = false;
  return streamCsv({
    columns: VIEW_COLUMNS[view],
    nextBatch: async () => {
      if (sent) return undefined;
      sent = true;
      return rowsOf(view, { from: query.from, to: query.to, segment: query.segment, now }, executor);
    },
  });
}

const MOVEMENT_COLUMNS = [
  "effective_at",
  "type",
  "tenant_id",
  "tenant_name",
  "from_plan",
  "to_plan",
  "mrr_before_cents",
  "mrr_after_cents",
  "change_cents",
  "id",
];
const VIEW_COLUMNS: Record<Exclude<RevenueCsvView, "movements">, string[]> = {
  summary: ["metric", "period", "prior_period"],
  waterfall: [
    "month",
    "start_mrr_cents",
    "new",
    "expansion",
    "reactivation",
    "contraction",
    "churn",
    "end_mrr_cents",
    "usage_revenue_cents",
  ],
  cohorts: ["cohort", "tenants", "months_after", "month", "logo_retention", "revenue_retention", "mrr_cents"],
  forecast: ["month", "kind", "mrr_cents", "linear_cents", "moving_average_cents", "low_cents", "high_cents"],
  segments: ["kind", "value", "mrr_cents", "paying_tenants", "arpu_cents", "logo_churn_rate", "nrr"],
};

const KPI_COLUMNS: (keyof RevenueKpis)[] = [
  "mrrCents",
  "arrCents",
  "momGrowth",
  "nrr",
  "grr",
  "payingTenants",
  "arpuCents",
  "logoChurnRate",
  "revenueChurnRate",
  "quickRatio",
  "ltvCents",
  "cacCents",
  "ltvToCac",
  "usageRevenueCents",
];

async function rowsOf(
  view: Exclude<RevenueCsvView, "movements">,
  base: TRevenueQuery & { now?: Date },
  executor: Executor,
): Promise<unknown[][]> {
  switch (view) {
    case "summary": {
      const summary = await getRevenueSummary(base, executor);
      return KPI_COLUMNS.map((key) => [key, summary.kpis[key], summary.prior[key]]);
    }
    case "waterfall": {
      const { months } = await getRevenueWaterfall(base, executor);
      return months.map((m) => [
        m.month,
        m.startMrrCents,
        m.new,
        m.expansion,
        m.reactivation,
        m.contraction,
        m.churn,
        m.endMrrCents,
        m.usageRevenueCents,
      ]);
    }
    case "cohorts": {
      const { cohorts } = await getRevenueCohorts(base, executor);
      return cohorts.flatMap((c) =>
        c.cells.map((cell) => [
          c.cohort,
          c.tenants,
          cell.offset,
          cell.month,
          cell.logoRetention,
          cell.revenueRetention,
          cell.mrrCents,
        ]),
      );
    }
    case "forecast": {
      const forecast = await getRevenueForecast(base, executor);
      return [
        ...forecast.history.map((h) => [h.month, "actual", h.mrrCents, null, null, null, null]),
        ...forecast.forecast.map((f) => [
          f.month,
          "forecast",
          null,
          f.linearCents,
          f.movingAverageCents,
          f.lowCents,
          f.highCents,
        ]),
      ];
    }
    case "segments": {
      const { segments } = await getRevenueSegments(base, executor);
      return segments.map((s) => [s.kind, s.value, s.mrrCents, s.payingTenants, s.arpuCents, s.logoChurnRate, s.nrr]);
    }
  }
}
