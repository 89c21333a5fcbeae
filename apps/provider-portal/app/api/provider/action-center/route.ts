import { getActionCenter } from "@pp/core/action-center/get-action-center";
import { cachedUsageDrops } from "@pp/core/action-center/usage-drops";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZActionCenterParams } from "./schema";

// GET /api/provider/action-center – every queue's count and first page, most urgent first; `bucket` + `cursor` for more.
export const GET = compose(
  { route: "/api/provider/action-center" },
  withProviderAuth("tenants:read"),
  withInput({ query: ZActionCenterParams }),
)(async ({ query }) => json(await getActionCenter({ ...query, usageDrops: cachedUsageDrops })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
