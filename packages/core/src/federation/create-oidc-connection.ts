import { db, type Executor } from "@pp/db";
import { oidcConnections, tenants } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { encryptSecret, type Keyring } from "../crypto/encrypt-secret";
import { validationError } from "../errors";
import { parseInput } from "../parse-input";
import { claimConnectionDomains } from "./claim-connection-domains";
import { discoverIssuer, FederationCheckError } from "./discover-issuer";
import { getOidcConnectionOrThrow } from "./get-oidc-connection";
import { issuerError, type TCreateOidcConnection, ZCreateOidcConnection } from "./oidc-connection-input";
import { auditedConnection, last4Of, type OidcConnectionSummary } from "./oidc-connection-summary";

export type CreateOidcConnectionOptions = TCreateOidcConnection & {
  actor: StaffActor;
  context?: AuditContext;
  timeoutMs?: number;
  keyring?: Keyring;
};

/** The create result: the one place the plaintext secret is echoed, so the admin can check what was saved. */
export type CreatedOidcConnection = OidcConnectionSummary & { clientSecret: string };

/**
 * Adds a draft connection for a tenant's SSO (or staff SSO when `tenantId` is null): the issuer's
 * discovery document must validate first; the client secret is stored AES-256-GCM encrypted. Each
 * email domain is claimed for this connection alone (409 when another connection has it).
 */
export async function createOidcConnection(
  options: CreateOidcConnectionOptions,
  executor: Executor = db,
): Promise<CreatedOidcConnection> {
  const { actor, context } = options;
  const input = parseInput(ZCreateOidcConnection, {
    tenantId: options.tenantId,
    name: options.name,
    issuer: options.issuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    emailDomains: options.emailDomains,
    defaultRole: options.defaultRole,
  });
  if (input.tenantId !== null) {
    const [tenant] = await executor.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, input.tenantId));
    if (!tenant) {
      throw validationError(
        [{ path: "tenantId", message: "is not a workspace we know" }],
        (p) => `Invalid field "${p}"`,
      );
    }
  }
  // Network first, outside the transaction: a slow issuer must not hold a connection open.
  const discovery = await discoverIssuer({ issuer: input.issuer, timeoutMs: options.timeoutMs }).catch((error) => {
    if (error instanceof FederationCheckError) issuerError(error);
    throw error;
  });
  const encrypted = encryptSecret(input.clientSecret, options.keyring);

  return executor.transaction(async (tx) => {
    const [row] = await tx
      .insert(oidcConnections)
      .values({
        tenantId: input.tenantId,
        name: input.name,
        issuer: input.issuer,
        discovery,
        clientId: input.clientId,
        clientSecretCiphertext: encrypted.ciphertext,
        clientSecretKeyId: encrypted.keyId,
        clientSecretLast4: last4Of(input.clientSecret),
        emailDomains: input.emailDomains,
        defaultRole: input.defaultRole,
        status: "draft",
        createdBy: actor.userId,
      })
      .returning({ id: oidcConnections.id });
    if (!row) throw new Error("oidc connection insert returned no row");
    await claimConnectionDomains(tx, row.id, input.emailDomains);
    const summary = await getOidcConnectionOrThrow({ connectionId: row.id }, tx);
    await recordAuditEvent(
      {
        actor,
        action: "oidc_connection.created",
        tenantId: input.tenantId,
        target: { type: "oidc_connection", id: row.id },
        after: auditedConnection(summary),
        context,
      },
      tx,
    );
    return { ...summary, clientSecret: input.clientSecret };
  });
}
