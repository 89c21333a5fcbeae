import { unsubscribeFromReports } from "@pp/core/reports/unsubscribe-from-reports";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withRateLimit } from "@/lib/kit";
import { ZUnsubscribeQuery } from "./schema";

// POST /api/reports/unsubscribe – public: one-click unsubscribe from the digest (RFC 8058). The signed token in
// the query is the proof, so mail clients POST here without a session or an Origin; the body is ignored.
export const POST = compose(
  { route: "/api/reports/unsubscribe" },
  withRateLimit("auth"),
  withInput({ query: ZUnsubscribeQuery }),
)(async (ctx) => json(await unsubscribeFromReports({ token: ctx.query.token, context: auditContextOf(ctx) })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
