import { listRevenueMovements } from "@pp/core/revenue/list-revenue-movements";
import { revenueCsvFilename, streamRevenueCsv } from "@pp/core/revenue/stream-revenue-csv";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZRevenueMovementsRouteQuery } from "./schema";

// GET /api/provider/revenue/movements – the ledger movements behind a number, newest first, cursor-paginated (?format=csv for CSV).
export const GET = compose(
  { route: "/api/provider/revenue/movements" },
  withProviderAuth("revenue:read"),
  withInput({ query: ZRevenueMovementsRouteQuery }),
)(async ({ query: { format, ...query } }) =>
  format === "csv"
    ? new Response(streamRevenueCsv({ view: "movements", query }), {
        headers: {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="${revenueCsvFilename("movements", query)}"`,
          "Cache-Control": "no-store",
        },
      })
    : json(await listRevenueMovements(query)),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
