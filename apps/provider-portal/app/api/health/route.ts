import { checkDatabase } from "@pp/core/observability/check-database";
import { compose, json } from "@/lib/kit";

// GET /api/health – liveness and database reachability, for load balancers and the launcher.
export const GET = compose({ route: "/api/health" })(async () => {
  const database = await checkDatabase();
  return json({ status: database ? "ok" : "degraded", database }, { status: database ? 200 : 503 });
});
