import type { Executor } from "@pp/db";
import { oidcConnectionDomains } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { DOMAIN_PROOF_PREFIX, domainProofValue } from "./claim-connection-domains";

export type ConnectionDomain = {
  domain: string;
  /** Null until the owner published the TXT record and it was checked. */
  verifiedAt: Date | null;
  /** Publish `txtValue` as a TXT record at `txtName`. */
  txtName: string;
  txtValue: string;
};

/** The connection's domains with their proof status and the TXT record that proves each. */
export async function listConnectionDomains(executor: Executor, connectionId: string): Promise<ConnectionDomain[]> {
  const rows = await executor
    .select({
      domain: oidcConnectionDomains.domain,
      verifiedAt: oidcConnectionDomains.verifiedAt,
      token: oidcConnectionDomains.verificationToken,
    })
    .from(oidcConnectionDomains)
    .where(eq(oidcConnectionDomains.connectionId, connectionId))
    .orderBy(oidcConnectionDomains.domain);
  return rows.map((row) => ({
    domain: row.domain,
    verifiedAt: row.verifiedAt,
    txtName: `${DOMAIN_PROOF_PREFIX}.${row.domain}`,
    txtValue: domainProofValue(row.token),
  }));
}
