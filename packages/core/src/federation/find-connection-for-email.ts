import { db, type Executor } from "@pp/db";
import { oidcConnectionDomains, oidcConnections } from "@pp/db/schema";
import { and, eq, isNull, sql } from "drizzle-orm";
import { emailDomainOf } from "./email-domains";
import { SSO_CONNECTION_COLUMNS, type SsoConnection, toSsoConnection } from "./sso-connection";

export type FindConnectionForEmailOptions = {
  email: string;
  /**
   * `staff`: portal SSO (connections with no tenant). `tenant`: a tenant's SSO; give `tenantId`
   * when the tenant is known (e.g. a tenant-specific sign-in page), leave it out to look across
   * every tenant by the email's domain alone.
   */
  audience: { kind: "staff" } | { kind: "tenant"; tenantId?: string };
};

/**
 * Home-realm discovery: the email's domain → the enabled connection that claims it, or null. A
 * domain is claimed by at most one connection (`oidc_connection_domains`), so the answer is unique.
 */
export async function findConnectionForEmail(
  options: FindConnectionForEmailOptions,
  executor: Executor = db,
): Promise<SsoConnection | null> {
  const domain = emailDomainOf(options.email);
  if (!domain) return null;
  const { audience } = options;
  const [row] = await executor
    .select(SSO_CONNECTION_COLUMNS)
    .from(oidcConnections)
    .innerJoin(oidcConnectionDomains, eq(oidcConnectionDomains.connectionId, oidcConnections.id))
    .where(
      and(
        eq(oidcConnectionDomains.domain, domain),
        eq(oidcConnections.status, "enabled"),
        audience.kind === "staff"
          ? isNull(oidcConnections.tenantId)
          : audience.tenantId
            ? eq(oidcConnections.tenantId, audience.tenantId)
            : sql`${oidcConnections.tenantId} is not null`,
      ),
    )
    .limit(1);
  return row ? toSsoConnection(row) : null;
}
