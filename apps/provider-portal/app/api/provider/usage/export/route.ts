import { apiUsageCsvFilename, streamApiUsageCsv } from "@pp/core/usage/stream-api-usage-csv";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, withInput, withProviderAuth } from "@/lib/kit";
import { ZApiUsageQuery } from "../schema";

// GET /api/provider/usage/export – every raw request matching the filters as CSV, newest first, streamed in batches.
export const GET = compose(
  { route: "/api/provider/usage/export" },
  withProviderAuth("usage:read"),
  withInput({ query: ZApiUsageQuery }),
)(
  async ({ query }) =>
    new Response(streamApiUsageCsv({ filters: query }), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${apiUsageCsvFilename()}"`,
        "Cache-Control": "no-store",
      },
    }),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
