import { previewRateLimit } from "@pp/core/usage/preview-rate-limit";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZPreviewRateLimitQuery, ZRateLimitParams } from "../schema";

// GET /api/provider/tenants/[id]/rate-limit/preview?limit=N – how many of the last 30 days' API requests N per minute would have refused.
export const GET = compose(
  { route: "/api/provider/tenants/[id]/rate-limit/preview" },
  withProviderAuth("usage:read"),
  withInput({ params: ZRateLimitParams, query: ZPreviewRateLimitQuery }),
)(async ({ params, query }) => json(await previewRateLimit({ tenantId: params.id, limit: query.limit })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
