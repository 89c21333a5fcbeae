import { getActionCenter } from "@pp/core/action-center/get-action-center";
import { cachedUsageDrops } from "@pp/core/action-center/usage-drops";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZActionCenterParams } from "./schema";

// GET /api/provider/action-center – every queue's count and first page, most urgent first; `bucket` + `cursor` for more.
export const GET = compose(
  { route: "/api/provider/action-center" },
  withProviderAuth("tenants:read"),
  withInput({ query: ZActionCenterParams }),
)(async ({ query }) => json(await getActionCenter({ ...query, usageDrops: cachedUsageDrops })));
