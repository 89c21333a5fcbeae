import { compose, json } from "@pp/http";
import { methodNotAllowed } from "@pp/http/method-not-allowed";

// GET /api/health/live – liveness: the process answers; no dependency is checked (a restart would not fix them).
// Built with @pp/http's compose, not the kit's: probes are infrastructure and do not become api_usage rows.
export const GET = compose({ route: "/api/health/live" })(async () =>
  json({ status: "alive", uptimeSeconds: Math.round(process.uptime()) }),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
