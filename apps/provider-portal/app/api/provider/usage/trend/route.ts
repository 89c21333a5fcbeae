import { getApiUsageTrend } from "@pp/core/usage/get-api-usage-trend";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZApiUsageQuery } from "../schema";

// GET /api/provider/usage/trend – requests, errors and 429s per day (per hour for 24h) beside the prior period, filtered.
export const GET = compose(
  { route: "/api/provider/usage/trend" },
  withProviderAuth("usage:read"),
  withInput({ query: ZApiUsageQuery }),
)(async ({ query }) => json(await getApiUsageTrend({ filters: query })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
