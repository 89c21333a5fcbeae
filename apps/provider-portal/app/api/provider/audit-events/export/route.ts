import { auditCsvFilename, streamAuditEventsCsv } from "@pp/core/audit/stream-audit-events-csv";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, withInput, withProviderAuth } from "@/lib/kit";
import { ZExportAuditEventsQuery } from "../schema";

// GET /api/provider/audit-events/export – every event matching the filters as CSV, streamed in batches.
export const GET = compose(
  { route: "/api/provider/audit-events/export" },
  withProviderAuth("audit:read"),
  withInput({ query: ZExportAuditEventsQuery }),
)(
  async ({ query }) =>
    // The filters and the first batch are checked before the 200; a later failure ends the file with a marker line.
    new Response(await streamAuditEventsCsv({ filters: query }), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${auditCsvFilename()}"`,
        "Cache-Control": "no-store",
      },
    }),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
