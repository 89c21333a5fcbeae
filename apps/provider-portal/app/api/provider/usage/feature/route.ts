import { recordBrowserFeatureUse } from "@pp/core/usage/record-feature-use";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, noContent, withInput, withProviderAuth } from "@/lib/kit";
import { ZFeatureUseBody } from "./schema";

// POST /api/provider/usage/feature – count a use only the browser sees; any staff member (usage:read) may report one.
export const POST = compose(
  { route: "/api/provider/usage/feature" },
  withProviderAuth("usage:read"),
  withInput({ body: ZFeatureUseBody }),
)(async (ctx) => {
  // Staff uses belong to no tenant; what they looked at may be in the metadata.
  await recordBrowserFeatureUse({ ...ctx.body, tenantId: null, userId: ctx.actor.userId, app: "portal" });
  return noContent();
});

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
