import { createPlan } from "@pp/core/pricing/create-plan";
import { listPlans } from "@pp/core/pricing/list-plans";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, created, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZPricingQuery } from "../schema";
import { ZCreatePlanBody } from "./schema";

// GET /api/provider/pricing/plans – every plan, current then archived, with its active subscriptions.
export const GET = compose(
  { route: "/api/provider/pricing/plans" },
  withProviderAuth("pricing:read"),
  withInput({ query: ZPricingQuery }),
)(async ({ query }) => json(await listPlans(query)));

// POST /api/provider/pricing/plans – create a plan (unique code; prices in cents); 409 names a taken code.
export const POST = compose(
  { route: "/api/provider/pricing/plans" },
  withProviderAuth("pricing:write"),
  withIdempotency(),
  withInput({ body: ZCreatePlanBody }),
)(async ({ body, actor, ...ctx }) => created(await createPlan({ ...body, actor, context: auditContextOf(ctx) })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET, POST });
