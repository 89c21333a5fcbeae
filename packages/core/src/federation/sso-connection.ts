import { oidcConnections } from "@pp/db/schema";
import type { TenantRole } from "../auth/permissions";

/** What the SSO sign-in flow needs about a connection: never its secret (see loadOidcClientSecret). */
export type SsoConnection = {
  id: string;
  /** Null = staff SSO into the Provider Portal. */
  tenantId: string | null;
  name: string;
  /** Exactly as configured and validated against discovery. */
  issuer: string;
  clientId: string;
  emailDomains: string[];
  /** The role a tenant user gets on first sign-in. */
  defaultRole: TenantRole;
  status: "draft" | "enabled" | "disabled";
};

export const SSO_CONNECTION_COLUMNS = {
  id: oidcConnections.id,
  tenantId: oidcConnections.tenantId,
  name: oidcConnections.name,
  issuer: oidcConnections.issuer,
  clientId: oidcConnections.clientId,
  emailDomains: oidcConnections.emailDomains,
  defaultRole: oidcConnections.defaultRole,
  status: oidcConnections.status,
};

export function toSsoConnection(row: SsoConnection): SsoConnection {
  return { ...row, emailDomains: [...row.emailDomains] };
}
