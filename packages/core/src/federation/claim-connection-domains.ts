import { randomBytes } from "node:crypto";
import type { Executor } from "@pp/db";
import { oidcConnectionDomains } from "@pp/db/schema";
import { and, eq, inArray, ne, notInArray } from "drizzle-orm";
import { AppError } from "../errors";

/** The DNS name whose TXT record proves a domain: `_pp-sso.<domain>`. */
export const DOMAIN_PROOF_PREFIX = "_pp-sso";
/** The TXT value the proof record must carry. */
export const domainProofValue = (token: string) => `pp-sso-verification=${token}`;

/**
 * Makes `domains` exactly the domains the connection claims (in the caller's transaction). A
 * domain belongs to at most one connection — draft or enabled, any tenant or staff: one claimed
 * elsewhere is refused with a 409 naming it (the primary key settles two claims at once). A domain
 * it keeps keeps its proof; a new one needs its own.
 */
export async function claimConnectionDomains(tx: Executor, connectionId: string, domains: string[]): Promise<void> {
  const wanted = [...new Set(domains.map((domain) => domain.toLowerCase()))];
  if (wanted.length > 0) {
    const [taken] = await tx
      .select({ domain: oidcConnectionDomains.domain })
      .from(oidcConnectionDomains)
      .where(and(inArray(oidcConnectionDomains.domain, wanted), ne(oidcConnectionDomains.connectionId, connectionId)))
      .limit(1);
    if (taken) throw domainTaken(taken.domain);
  }
  await tx
    .delete(oidcConnectionDomains)
    .where(
      and(
        eq(oidcConnectionDomains.connectionId, connectionId),
        ...(wanted.length > 0 ? [notInArray(oidcConnectionDomains.domain, wanted)] : []),
      ),
    );
  if (wanted.length === 0) return;
  const inserted = await tx
    .insert(oidcConnectionDomains)
    .values(wanted.map((domain) => ({ domain, connectionId, verificationToken: randomBytes(16).toString("hex") })))
    .onConflictDoNothing()
    .returning({ domain: oidcConnectionDomains.domain });
  const owned = await tx
    .select({ domain: oidcConnectionDomains.domain })
    .from(oidcConnectionDomains)
    .where(and(eq(oidcConnectionDomains.connectionId, connectionId), inArray(oidcConnectionDomains.domain, wanted)));
  // A domain neither inserted nor already ours was claimed by another connection in the meantime.
  const lost = wanted.find((domain) => !owned.some((row) => row.domain === domain));
  if (lost && !inserted.some((row) => row.domain === lost)) throw domainTaken(lost);
}

function domainTaken(domain: string): AppError {
  return new AppError(
    "conflict",
    `${domain} is already claimed by another single sign-on connection — a domain can belong to only one`,
    { details: { fields: [{ path: "emailDomains", message: `${domain} is already claimed by another connection` }] } },
  );
}
