import { getRevenueSummary } from "@pp/core/revenue/get-revenue-summary";
import { revenueCsvFilename, streamRevenueCsv } from "@pp/core/revenue/stream-revenue-csv";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZRevenueRouteQuery } from "./schema";

// GET /api/provider/revenue/summary – KPIs for the period and the one before it: MRR, ARR, growth, NRR/GRR, ARPU, churn, Quick Ratio, LTV:CAC, usage revenue (?format=csv for CSV).
export const GET = compose(
  { route: "/api/provider/revenue/summary" },
  withProviderAuth("revenue:read"),
  withInput({ query: ZRevenueRouteQuery }),
)(async ({ query: { format, ...query } }) =>
  format === "csv"
    ? new Response(streamRevenueCsv({ view: "summary", query }), {
        headers: {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="${revenueCsvFilename("summary", query)}"`,
          "Cache-Control": "no-store",
        },
      })
    : json(await getRevenueSummary(query)),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
