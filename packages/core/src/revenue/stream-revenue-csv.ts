import { db, type Executor } from "@pp/db";
import { csvRow } from "../audit/stream-audit-events-csv";
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
  const encoder = new TextEncoder();
  const { view, query, now } = options;
  let rows: AsyncGenerator<unknown[]> | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      rows ??= rowsOf(view, query, now, executor);
      const next = await rows.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(csvRow(next.value)));
    },
  });
}

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

async function* rowsOf(
  view: RevenueCsvView,
  query: TRevenueMovementsQuery,
  now: Date | undefined,
  executor: Executor,
): AsyncGenerator<unknown[]> {
  const base = { from: query.from, to: query.to, segment: query.segment, now };
  switch (view) {
    case "summary": {
      const summary = await getRevenueSummary(base, executor);
      yield ["metric", "period", "prior_period"];
      for (const key of KPI_COLUMNS) yield [key, summary.kpis[key], summary.prior[key]];
      return;
    }
    case "waterfall": {
      const { months } = await getRevenueWaterfall(base, executor);
      yield [
        "month",
        "start_mrr_cents",
        "new",
        "expansion",
        "reactivation",
        "contraction",
        "churn",
        "end_mrr_cents",
        "usage_revenue_cents",
      ];
      for (const m of months) {
        yield [
          m.month,
          m.startMrrCents,
          m.new,
          m.expansion,
          m.reactivation,
          m.contraction,
          m.churn,
          m.endMrrCents,
          m.usageRevenueCents,
        ];
      }
      return;
    }
    case "cohorts": {
      const { cohorts } = await getRevenueCohorts(base, executor);
      yield ["cohort", "tenants", "months_after", "month", "logo_retention", "revenue_retention", "mrr_cents"];
      for (const c of cohorts) {
        for (const cell of c.cells)
          yield [
            c.cohort,
            c.tenants,
            cell.offset,
            cell.month,
            cell.logoRetention,
            cell.revenueRetention,
            cell.mrrCents,
          ];
      }
      return;
    }
    case "forecast": {
      const forecast = await getRevenueForecast(base, executor);
      yield ["month", "kind", "mrr_cents", "linear_cents", "moving_average_cents", "low_cents", "high_cents"];
      for (const h of forecast.history) yield [h.month, "actual", h.mrrCents, "", "", "", ""];
      for (const f of forecast.forecast)
        yield [f.month, "forecast", "", f.linearCents, f.movingAverageCents, f.lowCents, f.highCents];
      return;
    }
    case "segments": {
      const { segments } = await getRevenueSegments(base, executor);
      yield ["kind", "value", "mrr_cents", "paying_tenants", "arpu_cents", "logo_churn_rate", "nrr"];
      for (const s of segments)
        yield [s.kind, s.value, s.mrrCents, s.payingTenants, s.arpuCents, s.logoChurnRate, s.nrr];
      return;
    }
    case "movements": {
      yield [
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
      let cursor: string | undefined;
      do {
        const page = await listRevenueMovements({ ...query, limit: MOVEMENTS_BATCH, cursor, now }, executor);
        for (const m of page.data) {
          yield [
            m.effectiveAt.toISOString(),
            m.type,
            m.tenantId,
            m.tenantName,
            m.fromPlan,
            m.toPlan,
            m.mrrBeforeCents,
            m.mrrAfterCents,
            m.changeCents,
            m.id,
          ];
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return;
    }
  }
}
