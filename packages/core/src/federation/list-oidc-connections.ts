import { db, type Executor } from "@pp/db";
import { oidcConnections, tenants, users } from "@pp/db/schema";
import { and, asc, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import {
  OIDC_SUMMARY_COLUMNS,
  type OidcConnectionStatus,
  type OidcConnectionSummary,
  toOidcConnectionSummary,
} from "./oidc-connection-summary";

export type ListOidcConnectionsOptions = {
  /** A tenant id, "staff" for portal SSO connections, or leave out for all. */
  audience?: string;
  status?: OidcConnectionStatus;
};

// Connections are configured by hand, a handful per tenant: the list is bounded rather than paged.
export const MAX_LISTED_CONNECTIONS = 500;

/** Connections grouped staff first, then by tenant name; always redacted. */
export async function listOidcConnections(
  options: ListOidcConnectionsOptions = {},
  executor: Executor = db,
): Promise<{ data: OidcConnectionSummary[] }> {
  const filters: (SQL | undefined)[] = [
    options.audience === "staff"
      ? isNull(oidcConnections.tenantId)
      : options.audience
        ? eq(oidcConnections.tenantId, options.audience)
        : undefined,
    options.status ? eq(oidcConnections.status, options.status) : undefined,
  ];
  const rows = await executor
    .select(OIDC_SUMMARY_COLUMNS)
    .from(oidcConnections)
    .leftJoin(tenants, eq(tenants.id, oidcConnections.tenantId))
    .leftJoin(users, eq(users.id, oidcConnections.createdBy))
    .where(and(...filters))
    .orderBy(sql`${tenants.name} asc nulls first`, asc(oidcConnections.name), desc(oidcConnections.createdAt))
    .limit(MAX_LISTED_CONNECTIONS);
  return { data: rows.map(toOidcConnectionSummary) };
}
