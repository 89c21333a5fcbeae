import { getSloReport } from "@pp/core/slo/get-slo-report";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withProviderAuth } from "@/lib/kit";

// GET /api/provider/reliability – every SLO over 28 days: availability, p95, error budget left, burn rates, open alerts.
export const GET = compose(
  { route: "/api/provider/reliability" },
  withProviderAuth("observability:read"),
)(async () => json({ data: await getSloReport() }));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
