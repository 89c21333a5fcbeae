import { checkDatabase } from "@pp/core/observability/check-database";
import { compose, json } from "@pp/http";

// GET /api/health – liveness and database reachability, for load balancers and the launcher.
// Built with @pp/http's compose, not the kit's: probes are infrastructure and do not become api_usage rows.
export const GET = compose({ route: "/api/health" })(async () => {
  const database = await checkDatabase();
  return json({ status: database ? "ok" : "degraded", database }, { status: database ? 200 : 503 });
});
