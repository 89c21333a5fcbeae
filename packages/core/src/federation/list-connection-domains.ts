import { db, type Executor } from "@pp/db";
import { oidcConnectionDomains } from "@pp/db/schema";
import { inArray } from "drizzle-orm";
import { DOMAIN_PROOF_PREFIX, domainProofValue } from "./claim-connection-domains";

export type ConnectionDomain = {
  connectionId: string;
  domain: string;
  /** Null until the owner published the TXT record and it was checked. */
  verifiedAt: Date | null;
  /** Publish `txtValue` as a TXT record at `txtName`. */
  txtName: string;
  txtValue: string;
};

/**
 * The domains the given connections claim, with their ownership proof: verified or not, and the
 * TXT record that proves each (staff only: connections are managed in the portal).
 */
export async function listConnectionDomains(
  options: { connectionIds: string[] },
  executor: Executor = db,
): Promise<ConnectionDomain[]> {
  if (options.connectionIds.length === 0) return [];
  const rows = await executor
    .select()
    .from(oidcConnectionDomains)
    .where(inArray(oidcConnectionDomains.connectionId, options.connectionIds))
    .orderBy(oidcConnectionDomains.domain);
  return rows.map((row) => ({
    connectionId: row.connectionId,
    domain: row.domain,
    verifiedAt: row.verifiedAt,
    txtName: `${DOMAIN_PROOF_PREFIX}.${row.domain}`,
    txtValue: domainProofValue(row.verificationToken),
  }));
}
