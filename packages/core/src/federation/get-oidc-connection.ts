import { db, type Executor } from "@pp/db";
import { oidcConnections, tenants, users } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { isUuid } from "../parse-input";
import { connectionNotFound } from "./load-oidc-client-secret";
import { OIDC_SUMMARY_COLUMNS, type OidcConnectionSummary, toOidcConnectionSummary } from "./oidc-connection-summary";

/** One connection, redacted; unknown or malformed ids are a 404. `forUpdate` locks the row inside a transaction. */
export async function getOidcConnectionOrThrow(
  options: { connectionId: string; forUpdate?: boolean },
  executor: Executor = db,
): Promise<OidcConnectionSummary> {
  if (!isUuid(options.connectionId)) throw connectionNotFound();
  const query = executor
    .select(OIDC_SUMMARY_COLUMNS)
    .from(oidcConnections)
    .leftJoin(tenants, eq(tenants.id, oidcConnections.tenantId))
    .leftJoin(users, eq(users.id, oidcConnections.createdBy))
    .where(eq(oidcConnections.id, options.connectionId));
  const [row] = options.forUpdate ? await query.for("update", { of: oidcConnections }) : await query;
  if (!row) throw connectionNotFound();
  return toOidcConnectionSummary(row);
}
