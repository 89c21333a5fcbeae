import { compose } from "@pp/http";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { metricsResponse } from "@pp/http/metrics";

// GET /api/metrics – Prometheus text: usage rows written/dropped/buffered, flush latency, process defaults.
// Built with @pp/http's compose, not the kit's: scrapes are infrastructure and do not become api_usage rows.
export const GET = compose({ route: "/api/metrics" })(async (ctx) => metricsResponse(ctx.request));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
