import { getRevenueWaterfall } from "@pp/core/revenue/get-revenue-waterfall";
import { revenueCsvFilename, streamRevenueCsv } from "@pp/core/revenue/stream-revenue-csv";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZRevenueRouteQuery } from "./schema";

// GET /api/provider/revenue/waterfall – per month: start MRR, new, expansion, reactivation, contraction, churn, end MRR (?format=csv for CSV).
export const GET = compose(
  { route: "/api/provider/revenue/waterfall" },
  withProviderAuth("revenue:read"),
  withInput({ query: ZRevenueRouteQuery }),
)(async ({ query: { format, ...query } }) =>
  format === "csv"
    ? new Response(streamRevenueCsv({ view: "waterfall", query }), {
        headers: {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="${revenueCsvFilename("waterfall", query)}"`,
          "Cache-Control": "no-store",
        },
      })
    : json(await getRevenueWaterfall(query)),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
