import { API_KEY_STATUSES } from "@pp/core/api-keys/api-key-scopes";
import { ZPageQuery } from "@pp/core/pagination";
import { z } from "zod";
import { optionalParam } from "@/lib/query-params";

/** `GET /api/federation/keys` and the Integrations Hub's Keys tab: filters and cursor, all from the URL. */
export const ZListFederationKeysQuery = ZPageQuery.extend({
  tenantId: optionalParam(z.uuid()),
  status: optionalParam(z.enum(API_KEY_STATUSES)),
});
export type TListFederationKeysQuery = z.output<typeof ZListFederationKeysQuery>;

/** Any string: a malformed id is a 404 like an unknown one (the domain function decides). */
export const ZFederationKeyParams = z.object({ id: z.string().min(1).max(100) });
