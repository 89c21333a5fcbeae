import { Resolver } from "node:dns/promises";
import { db, type Executor } from "@pp/db";
import { oidcConnectionDomains } from "@pp/db/schema";
import { env } from "@pp/env";
import { and, eq } from "drizzle-orm";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { DOMAIN_PROOF_PREFIX, domainProofValue } from "./claim-connection-domains";
import { getOidcConnectionOrThrow } from "./get-oidc-connection";

export type VerifyConnectionDomainOptions = {
  actor: StaffActor;
  connectionId: string;
  domain: string;
  context?: AuditContext;
  /** DNS server ("host" or "host:port"); default SSO_DNS_SERVER, else the system's resolvers. */
  dnsServer?: string;
  timeoutMs?: number;
};

export type DomainVerification = { domain: string; verified: boolean; verifiedAt: Date | null; detail: string };

/**
 * Proves that whoever set up the connection controls `domain`: a TXT record at
 * `_pp-sso.<domain>` must carry `pp-sso-verification=<the claim's token>`. Until then the
 * connection signs in only people who are already members; it creates no users or memberships from
 * that domain. Audited whether it passes or not; the answer says what was found.
 */
export async function verifyConnectionDomain(
  options: VerifyConnectionDomainOptions,
  executor: Executor = db,
): Promise<DomainVerification> {
  const connection = await getOidcConnectionOrThrow({ connectionId: options.connectionId }, executor);
  const domain = options.domain.trim().toLowerCase();
  const [claim] = await executor
    .select()
    .from(oidcConnectionDomains)
    .where(and(eq(oidcConnectionDomains.connectionId, connection.id), eq(oidcConnectionDomains.domain, domain)));
  if (!claim) throw new AppError("not_found", `${domain} is not one of this connection's domains`);

  const recordName = `${DOMAIN_PROOF_PREFIX}.${domain}`;
  const expected = domainProofValue(claim.verificationToken);
  const records = await txtRecords(recordName, options.dnsServer ?? env().SSO_DNS_SERVER, options.timeoutMs ?? 5000);
  const verified = records.includes(expected);
  const verifiedAt = verified ? (claim.verifiedAt ?? new Date()) : claim.verifiedAt;
  const detail = verified
    ? `Found ${expected} at ${recordName}`
    : records.length === 0
      ? `No TXT record at ${recordName} yet — publish ${expected} there (DNS changes can take a while)`
      : `The TXT records at ${recordName} do not include ${expected}`;

  await executor.transaction(async (tx) => {
    if (verified && !claim.verifiedAt) {
      await tx.update(oidcConnectionDomains).set({ verifiedAt }).where(eq(oidcConnectionDomains.domain, domain));
    }
    await recordAuditEvent(
      {
        actor: options.actor,
        action: "oidc_connection.domain_checked",
        tenantId: connection.tenant?.id ?? null,
        target: { type: "oidc_connection", id: connection.id },
        metadata: { domain, verified },
        context: options.context,
      },
      tx,
    );
  });
  return { domain, verified, verifiedAt, detail };
}

/** The TXT strings at `name` (each record's chunks joined), or none when it has none or DNS fails. */
async function txtRecords(name: string, server: string | undefined, timeoutMs: number): Promise<string[]> {
  const resolver = new Resolver({ timeout: timeoutMs, tries: 2 });
  if (server) resolver.setServers([server]);
  try {
    return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(""));
  } catch {
    return [];
  }
}
