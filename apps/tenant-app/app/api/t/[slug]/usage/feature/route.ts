import { recordBrowserFeatureUse } from "@pp/core/usage/record-feature-use";
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
