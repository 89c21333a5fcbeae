import { ZCreateOidcConnection, ZUpdateOidcConnection } from "@pp/core/federation/oidc-connection-input";
import { zIntParam, zText } from "@pp/core/input/zod-pieces";
import { OIDC_STATUSES } from "@pp/db/schema";
import { z } from "zod";
import { optionalParam } from "@/lib/query-params";

/** `GET /api/federation/oidc` and the OIDC tab: `audience` is a tenant id or "staff". */
export const ZListOidcConnectionsQuery = z.object({
  audience: optionalParam(z.union([z.literal("staff"), z.uuid("must be a tenant id or staff")])),
  status: optionalParam(z.enum(OIDC_STATUSES)),
});
export type TListOidcConnectionsQuery = z.output<typeof ZListOidcConnectionsQuery>;

export const ZCreateOidcConnectionBody = ZCreateOidcConnection;
export const ZUpdateOidcConnectionBody = ZUpdateOidcConnection;

/** Any string: a malformed id is a 404 like an unknown one (the domain function decides). */
export const ZOidcConnectionParams = z.object({ id: z.string().min(1).max(100) });

export const ZTestOidcConnectionBody = z.object({
  connectionId: z.string("is required").min(1, "is required").max(100),
});

export const ZOidcConnectionTestsQuery = z.object({
  limit: optionalParam(zIntParam({ min: 1, max: 100 })),
});

/** `POST /api/federation/oidc/[id]/domains/verify`: which of the connection's domains to check in DNS. */
export const ZVerifyConnectionDomainBody = z.object({
  domain: zText(253, "is required").trim().toLowerCase().min(1, "is required"),
});
