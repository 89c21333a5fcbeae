import { getRevenueForecast } from "@pp/core/revenue/get-revenue-forecast";
import { revenueCsvFilename, streamRevenueCsv } from "@pp/core/revenue/stream-revenue-csv";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZRevenueRouteQuery } from "./schema";

// GET /api/provider/revenue/forecast – MRR for the next 6 months (linear, 3-month moving average) with backtest MAPE (?format=csv for CSV).
export const GET = compose(
  { route: "/api/provider/revenue/forecast" },
  withProviderAuth("revenue:read"),
  withInput({ query: ZRevenueRouteQuery }),
)(async ({ query: { format, ...query } }) =>
  format === "csv"
    ? new Response(streamRevenueCsv({ view: "forecast", query }), {
        headers: {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="${revenueCsvFilename("forecast", query)}"`,
          "Cache-Control": "no-store",
        },
      })
    : json(await getRevenueForecast(query)),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
