import { compose } from "@pp/http";
import { metricsResponse } from "@pp/http/metrics";

// GET /api/metrics – Prometheus text: usage rows written/dropped/buffered, flush latency, process defaults.
// Built with @pp/http's compose, not the kit's: scrapes are infrastructure and do not become api_usage rows.
export const GET = compose({ route: "/api/metrics" })(async (ctx) => metricsResponse(ctx.request));
