import { db, type Executor } from "@pp/db";
import { oidcConnections } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { encryptSecret, type Keyring } from "../crypto/encrypt-secret";
import { parseInput } from "../parse-input";
import { claimConnectionDomains } from "./claim-connection-domains";
import { getOidcConnectionOrThrow } from "./get-oidc-connection";
import { type TUpdateOidcConnection, ZUpdateOidcConnection } from "./oidc-connection-input";
import { auditedConnection, last4Of, type OidcConnectionSummary } from "./oidc-connection-summary";

export type UpdateOidcConnectionOptions = TUpdateOidcConnection & {
  actor: StaffActor;
  connectionId: string;
  context?: AuditContext;
  keyring?: Keyring;
};

/**
 * Renames, re-scopes (domains, default role) or re-credentials a connection. The secret is
 * write-only: it replaces the stored one and is never returned. New credentials void the last
 * test (it proved the old ones) but leave an enabled connection enabled, so rotating a secret at
 * the identity provider causes no outage; run the test again right after.
 */
export async function updateOidcConnection(
  options: UpdateOidcConnectionOptions,
  executor: Executor = db,
): Promise<OidcConnectionSummary> {
  const { actor, context, connectionId } = options;
  const input = parseInput(ZUpdateOidcConnection, {
    name: options.name,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    emailDomains: options.emailDomains,
    defaultRole: options.defaultRole,
  });
  const encrypted = input.clientSecret === undefined ? undefined : encryptSecret(input.clientSecret, options.keyring);

  return executor.transaction(async (tx) => {
    const before = await getOidcConnectionOrThrow({ connectionId, forUpdate: true }, tx);
    const credentialsChanged =
      encrypted !== undefined || (input.clientId !== undefined && input.clientId !== before.clientId);
    await tx
      .update(oidcConnections)
      .set({
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(input.clientId === undefined ? {} : { clientId: input.clientId }),
        ...(input.emailDomains === undefined ? {} : { emailDomains: input.emailDomains }),
        ...(input.defaultRole === undefined ? {} : { defaultRole: input.defaultRole }),
        ...(encrypted === undefined || input.clientSecret === undefined
          ? {}
          : {
              clientSecretCiphertext: encrypted.ciphertext,
              clientSecretKeyId: encrypted.keyId,
              clientSecretLast4: last4Of(input.clientSecret),
            }),
        ...(credentialsChanged ? { lastTestedAt: null, lastTestPassed: null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(oidcConnections.id, before.id));
    if (input.emailDomains !== undefined) await claimConnectionDomains(tx, before.id, input.emailDomains);
    const after = await getOidcConnectionOrThrow({ connectionId: before.id }, tx);
    await recordAuditEvent(
      {
        actor,
        action: "oidc_connection.updated",
        tenantId: before.tenant?.id ?? null,
        target: { type: "oidc_connection", id: before.id },
        before: auditedConnection(before),
        after: auditedConnection(after),
        metadata: { changedFields: Object.keys(input).filter((key) => input[key as keyof typeof input] !== undefined) },
        context,
      },
      tx,
    );
    return after;
  });
}
