import { db, type Executor } from "@pp/db";
import { oidcConnections } from "@pp/db/schema";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { AppError } from "../errors";
import {
  type OidcConnectionStatusChange,
  type SetOidcConnectionStatusOptions,
  setStatus,
} from "./set-oidc-connection-status";

export type { OidcConnectionStatusChange, SetOidcConnectionStatusOptions } from "./set-oidc-connection-status";

/**
 * Turns SSO on for a connection. Only after its last test passed (a credential change voids the
 * test), and only when no other enabled connection of the same audience (staff, or tenants) claims
 * one of its email domains — home-realm discovery must find exactly one.
 */
export async function enableOidcConnection(
  options: SetOidcConnectionStatusOptions,
  executor: Executor = db,
): Promise<OidcConnectionStatusChange> {
  return setStatus(options, "enabled", executor, async (tx, connection) => {
    if (connection.lastTest?.result !== "pass") {
      throw new AppError(
        "conflict",
        connection.lastTest
          ? "The last test of this connection failed — fix it and run the test again before enabling"
          : "Run the connection test and get a pass before enabling this connection",
      );
    }
    if (connection.emailDomains.length === 0) {
      throw new AppError("conflict", "Add at least one email domain before enabling, so users can be routed to it");
    }
    const [clash] = await tx
      .select({ name: oidcConnections.name, domains: oidcConnections.emailDomains })
      .from(oidcConnections)
      .where(
        and(
          ne(oidcConnections.id, connection.id),
          eq(oidcConnections.status, "enabled"),
          connection.tenant ? sql`${oidcConnections.tenantId} is not null` : isNull(oidcConnections.tenantId),
          sql`${oidcConnections.emailDomains} ?| array[${sql.join(
            connection.emailDomains.map((domain) => sql`${domain}`),
            sql`, `,
          )}]::text[]`,
        ),
      )
      .limit(1);
    if (clash) {
      const shared = clash.domains.filter((domain) => connection.emailDomains.includes(domain));
      throw new AppError(
        "conflict",
        `The enabled connection "${clash.name}" already signs in ${shared.join(", ")} — disable it or remove the domain first`,
      );
    }
  });
}
