import { recordBrowserFeatureUse } from "@pp/core/usage/record-feature-use";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, noContent, withInput, withTenantAuth } from "@/lib/kit";
import { ZFeatureUseBody } from "./schema";

// POST /api/t/[slug]/usage/feature – count a use only the browser sees (registered browser feature keys only).
export const POST = compose(
  { route: "/api/t/[slug]/usage/feature" },
  withTenantAuth(),
  withInput({ body: ZFeatureUseBody }),
)(async (ctx) => {
  await recordBrowserFeatureUse({ ...ctx.body, tenantId: ctx.tenantId, userId: ctx.actor.userId, app: "tenant" });
  return noContent();
});

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
