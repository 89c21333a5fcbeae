import { db, type Executor } from "@pp/db";
import { oidcConnections, ssoLoginTraces, tenants } from "@pp/db/schema";
import { desc, eq } from "drizzle-orm";
import { listOidcConnections } from "./list-oidc-connections";
import type { OidcConnectionStatus, OidcConnectionSummary } from "./oidc-connection-summary";

/** A failed SSO sign-in as the trace recorded it. */
export type SsoFailure = {
  id: string;
  at: Date;
  email: string | null;
  stage: string;
  error: string;
  requestId: string | null;
  connection: { id: string; name: string } | null;
  tenant: { id: string; name: string; slug: string } | null;
};

/** An identity provider (one issuer) with every connection that trusts it. */
export type IdentityProvider = {
  issuer: string;
  /** Enabled when any connection to it is; otherwise draft when any is a draft; else disabled. */
  status: OidcConnectionStatus;
  connections: Pick<OidcConnectionSummary, "id" | "name" | "status" | "tenant" | "lastTest" | "emailDomains">[];
  tenants: { id: string; name: string; slug: string }[];
  usedByStaff: boolean;
  lastTest: OidcConnectionSummary["lastTest"];
  recentFailures: SsoFailure[];
};

const FAILURES_SHOWN = 50;
const FAILURES_PER_PROVIDER = 5;

/** Every identity provider with its status, last test, the tenants using it and recent failed SSO sign-ins. */
export async function listIdentityProviders(
  executor: Executor = db,
): Promise<{ data: IdentityProvider[]; failedLogins: SsoFailure[] }> {
  const { data: connections } = await listOidcConnections({}, executor);
  const failedLogins = await listSsoFailures(executor);

  const byIssuer = new Map<string, OidcConnectionSummary[]>();
  for (const connection of connections) {
    byIssuer.set(connection.issuer, [...(byIssuer.get(connection.issuer) ?? []), connection]);
  }
  const data = [...byIssuer.entries()].map(([issuer, group]): IdentityProvider => {
    const ids = new Set(group.map((connection) => connection.id));
    const tenantsUsing = new Map<string, { id: string; name: string; slug: string }>();
    for (const connection of group) if (connection.tenant) tenantsUsing.set(connection.tenant.id, connection.tenant);
    const lastTest =
      group
        .map((connection) => connection.lastTest)
        .filter((test) => test !== null)
        .sort((a, b) => b.at.getTime() - a.at.getTime())[0] ?? null;
    return {
      issuer,
      status: group.some((c) => c.status === "enabled")
        ? "enabled"
        : group.some((c) => c.status === "draft")
          ? "draft"
          : "disabled",
      connections: group.map(({ id, name, status, tenant, lastTest: test, emailDomains }) => ({
        id,
        name,
        status,
        tenant,
        lastTest: test,
        emailDomains,
      })),
      tenants: [...tenantsUsing.values()].sort((a, b) => a.name.localeCompare(b.name)),
      usedByStaff: group.some((connection) => connection.tenant === null),
      lastTest,
      recentFailures: failedLogins
        .filter((failure) => failure.connection && ids.has(failure.connection.id))
        .slice(0, FAILURES_PER_PROVIDER),
    };
  });
  data.sort((a, b) => a.issuer.localeCompare(b.issuer));
  return { data, failedLogins };
}

async function listSsoFailures(executor: Executor): Promise<SsoFailure[]> {
  const rows = await executor
    .select({
      id: ssoLoginTraces.id,
      at: ssoLoginTraces.at,
      email: ssoLoginTraces.email,
      stage: ssoLoginTraces.stage,
      error: ssoLoginTraces.error,
      requestId: ssoLoginTraces.requestId,
      connectionId: oidcConnections.id,
      connectionName: oidcConnections.name,
      tenantId: tenants.id,
      tenantName: tenants.name,
      tenantSlug: tenants.slug,
    })
    .from(ssoLoginTraces)
    .leftJoin(oidcConnections, eq(oidcConnections.id, ssoLoginTraces.connectionId))
    .leftJoin(tenants, eq(tenants.id, oidcConnections.tenantId))
    .orderBy(desc(ssoLoginTraces.at), desc(ssoLoginTraces.id))
    .limit(FAILURES_SHOWN);
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    email: row.email,
    stage: row.stage,
    error: row.error,
    requestId: row.requestId,
    connection: row.connectionId && row.connectionName ? { id: row.connectionId, name: row.connectionName } : null,
    tenant:
      row.tenantId && row.tenantName && row.tenantSlug
        ? { id: row.tenantId, name: row.tenantName, slug: row.tenantSlug }
        : null,
  }));
}
