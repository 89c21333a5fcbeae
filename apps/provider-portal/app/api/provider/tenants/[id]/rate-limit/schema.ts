import { ZPreviewRateLimit } from "@pp/core/usage/preview-rate-limit";
import { ZSetTenantRateLimit } from "@pp/core/usage/set-tenant-rate-limit";
import { z } from "zod";

/** Any string: a malformed id is a 404 like an unknown one, never a hint of which. */
export const ZRateLimitParams = z.object({ id: z.string().min(1).max(100) });

/** `{ requestsPerMinute, reason }`; `requestsPerMinute: null` goes back to the plan's limit. */
export const ZSetRateLimitBody = ZSetTenantRateLimit;

/** `?limit=N`: the limit to replay the last 30 days against. */
export const ZPreviewRateLimitQuery = ZPreviewRateLimit;
