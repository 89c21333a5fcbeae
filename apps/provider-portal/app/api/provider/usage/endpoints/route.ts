import { listEndpointUsage } from "@pp/core/usage/list-endpoint-usage";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZApiUsageQuery } from "../schema";

// GET /api/provider/usage/endpoints – per route and method: requests, error %, 429s, bytes, estimated p50/p95/p99 latency.
export const GET = compose(
  { route: "/api/provider/usage/endpoints" },
  withProviderAuth("usage:read"),
  withInput({ query: ZApiUsageQuery }),
)(async ({ query }) => json({ data: await listEndpointUsage({ filters: query }) }));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
