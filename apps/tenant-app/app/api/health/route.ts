import { compose, json } from "@pp/http";
import { checkReadiness } from "@pp/http/health";
import { methodNotAllowed } from "@pp/http/method-not-allowed";

// GET /api/health – readiness (as /api/health/ready): database, Redis when configured, jobs; 503 when one is down.
// Built with @pp/http's compose, not the kit's: probes are infrastructure and do not become api_usage rows.
export const GET = compose({ route: "/api/health" })(async () => {
  const readiness = await checkReadiness();
  return json(readiness, { status: readiness.status === "ready" ? 200 : 503 });
});

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
