import { API_KEY_STATUSES } from "@pp/core/api-keys/api-key-scopes";
import { ZCreateApiKeyFields } from "@pp/core/api-keys/create-api-key";
import { ZPageQuery } from "@pp/core/pagination";
import { z } from "zod";

const optional = <Schema extends z.ZodType>(schema: Schema) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

/** `GET /api/t/[slug]/api-keys` and the API keys page: status filter and cursor. */
export const ZListTenantApiKeysQuery = ZPageQuery.extend({ status: optional(z.enum(API_KEY_STATUSES)) });
export type TListTenantApiKeysQuery = z.output<typeof ZListTenantApiKeysQuery>;

/** Owners name the key, pick scopes and an optional expiry; only the provider sets a key's own rate limit. */
export const ZCreateTenantApiKey = ZCreateApiKeyFields.omit({ rateLimitPerMinute: true }).strict();

export const ZApiKeyParams = z.object({ slug: z.string(), id: z.string().min(1).max(100) });
