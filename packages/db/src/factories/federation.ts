import { randomBytes } from "node:crypto";
import type { Executor } from "../client";
import { type OIDC_STATUSES, oidcConnectionDomains, oidcConnections, type TENANT_ROLES } from "../schema";
import { uniqueSuffix } from "./ids";

export type OidcConnection = typeof oidcConnections.$inferSelect;

export type OidcConnectionInput = {
  /** Null or absent = staff SSO into the Provider Portal. */
  tenantId?: string | null;
  name?: string;
  issuer: string;
  clientId: string;
  /**
   * The client secret already encrypted (`encryptSecret` in @pp/core/crypto): this package
   * cannot import core, and a factory must never store a plaintext secret.
   */
  clientSecret: { ciphertext: string; keyId: string };
  clientSecretLast4?: string;
  emailDomains: string[];
  defaultRole?: (typeof TENANT_ROLES)[number];
  status?: (typeof OIDC_STATUSES)[number];
  discovery?: Record<string, unknown> | null;
  /** Whether the domains' DNS ownership proof is done (users may be provisioned from them); default true. */
  domainsVerified?: boolean;
};

/**
 * An OIDC connection row as the Integrations Hub leaves it (enabled by default, as after a
 * passing test), for tests and seeds that need SSO without driving the hub.
 */
export async function createOidcConnection(executor: Executor, input: OidcConnectionInput): Promise<OidcConnection> {
  const status = input.status ?? "enabled";
  const [row] = await executor
    .insert(oidcConnections)
    .values({
      tenantId: input.tenantId ?? null,
      name: input.name ?? `Test IdP ${uniqueSuffix()}`,
      issuer: input.issuer,
      discovery: input.discovery ?? null,
      clientId: input.clientId,
      clientSecretCiphertext: input.clientSecret.ciphertext,
      clientSecretKeyId: input.clientSecret.keyId,
      clientSecretLast4: input.clientSecretLast4 ?? "",
      emailDomains: input.emailDomains,
      defaultRole: input.defaultRole ?? "technician",
      status,
      lastTestedAt: status === "enabled" ? new Date() : null,
      lastTestPassed: status === "enabled" ? "pass" : null,
    })
    .returning();
  if (!row) throw new Error("oidc_connections insert returned no row");
  if (input.emailDomains.length > 0) {
    await executor.insert(oidcConnectionDomains).values(
      input.emailDomains.map((domain) => ({
        domain: domain.toLowerCase(),
        connectionId: row.id,
        verificationToken: randomBytes(16).toString("hex"),
        verifiedAt: (input.domainsVerified ?? true) ? new Date() : null,
      })),
    );
  }
  return row;
}
