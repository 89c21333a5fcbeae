import { db, type Executor } from "@pp/db";
import { apiKeys, tenants, users } from "@pp/db/schema";
import { and, eq, type SQL } from "drizzle-orm";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { MemberActor, StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { isUuid } from "../parse-input";
import { recordFeatureUse } from "../usage/record-feature-use";
import { API_KEY_SUMMARY_COLUMNS, type ApiKeySummary, auditedKey, toApiKeySummary } from "./api-key-summary";
import { forgetCachedApiKey } from "./authenticate-api-key";

export type RevokeApiKeyOptions = {
  actor: StaffActor | MemberActor;
  apiKeyId: string;
  now?: Date;
  context?: AuditContext;
};

export type RevokedApiKey = ApiKeySummary & { /** False when the key was already revoked. */ changed: boolean };

/**
 * Revokes a key at once: the next request with it is refused (when a deployment sets
 * API_KEY_CACHE_MS above 0, another process within that time). Revoking twice is harmless (and
 * audited once). Members reach only their own tenant's keys; any other id is a 404.
 */
export async function revokeApiKey(options: RevokeApiKeyOptions, executor: Executor = db): Promise<RevokedApiKey> {
  const { actor, apiKeyId, context } = options;
  const now = options.now ?? new Date();
  const notFound = new AppError("not_found", "API key not found");
  if (!isUuid(apiKeyId)) throw notFound;
  const scope: SQL[] = [eq(apiKeys.id, apiKeyId)];
  if (actor.kind === "member") scope.push(eq(apiKeys.tenantId, actor.tenantId));

  const revoked = await executor.transaction(async (tx) => {
    const [row] = await tx
      .select({
        ...API_KEY_SUMMARY_COLUMNS,
        tenant: { id: tenants.id, name: tenants.name, slug: tenants.slug },
        creatorId: users.id,
        creatorName: users.name,
      })
      .from(apiKeys)
      .innerJoin(tenants, eq(tenants.id, apiKeys.tenantId))
      .leftJoin(users, eq(users.id, apiKeys.createdBy))
      .where(and(...scope))
      .for("update", { of: apiKeys });
    if (!row) throw notFound;
    const { creatorId, creatorName, ...key } = row;
    const before = toApiKeySummary(
      { ...key, createdBy: creatorId !== null && creatorName !== null ? { id: creatorId, name: creatorName } : null },
      now,
    );
    if (before.revokedAt) return { ...before, changed: false };

    await tx.update(apiKeys).set({ revokedAt: now }).where(eq(apiKeys.id, before.id));
    const after = { ...before, revokedAt: now, status: "revoked" as const };
    await recordAuditEvent(
      {
        actor,
        action: "api_key.revoked",
        tenantId: before.tenant.id,
        target: { type: "api_key", id: before.id },
        before: auditedKey(before),
        after: auditedKey(after),
        context,
      },
      tx,
    );
    await recordFeatureUse(
      {
        tenantId: before.tenant.id,
        userId: actor.userId,
        app: actor.kind === "staff" ? "portal" : "tenant",
        featureKey: "ApiKeyRevoked",
        metadata: { apiKeyId: before.id },
        at: now,
      },
      tx,
    );
    return { ...after, changed: true };
  });
  // The public API caches keys it looked up for a moment; this process refuses the key from now on.
  forgetCachedApiKey(revoked.id);
  return revoked;
}
