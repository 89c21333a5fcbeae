import type { Executor } from "@pp/db";
import { oidcConnections } from "@pp/db/schema";
import { eq, sql } from "drizzle-orm";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { getOidcConnectionOrThrow } from "./get-oidc-connection";
import { auditedConnection, type OidcConnectionStatus, type OidcConnectionSummary } from "./oidc-connection-summary";

export type SetOidcConnectionStatusOptions = { actor: StaffActor; connectionId: string; context?: AuditContext };
export type OidcConnectionStatusChange = OidcConnectionSummary & {
  /** False when it already had that status. */
  changed: boolean;
};

/** Moves a connection to `status` in one audited transaction; `guard` may refuse (it runs with the row locked). */
export async function setStatus(
  options: SetOidcConnectionStatusOptions,
  status: OidcConnectionStatus,
  executor: Executor,
  guard?: (tx: Executor, connection: OidcConnectionSummary) => Promise<void>,
): Promise<OidcConnectionStatusChange> {
  const { actor, connectionId, context } = options;
  return executor.transaction(async (tx) => {
    // Enabling takes a transaction-wide lock so two enables cannot both pass the domain check.
    if (status === "enabled") await tx.execute(sql`select pg_advisory_xact_lock(hashtext('oidc_connections.enable'))`);
    const before = await getOidcConnectionOrThrow({ connectionId, forUpdate: true }, tx);
    if (before.status === status) return { ...before, changed: false };
    await guard?.(tx, before);
    await tx.update(oidcConnections).set({ status }).where(eq(oidcConnections.id, before.id));
    const after = await getOidcConnectionOrThrow({ connectionId: before.id }, tx);
    await recordAuditEvent(
      {
        actor,
        action: status === "enabled" ? "oidc_connection.enabled" : "oidc_connection.disabled",
        tenantId: before.tenant?.id ?? null,
        target: { type: "oidc_connection", id: before.id },
        before: auditedConnection(before),
        after: auditedConnection(after),
        context,
      },
      tx,
    );
    return { ...after, changed: true };
  });
}
