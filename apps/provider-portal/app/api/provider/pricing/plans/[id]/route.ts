import { updatePlan } from "@pp/core/pricing/update-plan";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZPricingParams } from "../../schema";
import { ZUpdatePlanBody } from "./schema";

// PATCH /api/provider/pricing/plans/[id] – edit a plan; billing terms are locked (409) while subscriptions are live.
export const PATCH = compose(
  { route: "/api/provider/pricing/plans/[id]" },
  withProviderAuth("pricing:write"),
  withInput({ params: ZPricingParams, body: ZUpdatePlanBody }),
)(async ({ params, body, actor, ...ctx }) =>
  json(await updatePlan({ ...body, planId: params.id, actor, context: auditContextOf(ctx) })),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, POST, PUT, DELETE, OPTIONS } = methodNotAllowed({ PATCH });
