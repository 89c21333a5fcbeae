import { archivePlan } from "@pp/core/pricing/archive-plan";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZPricingParams } from "../../../schema";

// POST /api/provider/pricing/plans/[id]/archive – stop offering a plan; its subscribers keep it, it stays listed.
export const POST = compose(
  { route: "/api/provider/pricing/plans/[id]/archive" },
  withProviderAuth("pricing:write"),
  withIdempotency(),
  withInput({ params: ZPricingParams }),
)(async ({ params, actor, ...ctx }) =>
  json(await archivePlan({ planId: params.id, actor, context: auditContextOf(ctx) })),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
