import { db, type Executor } from "@pp/db";
import { tenantRateLimits, tenants } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { API_RATE_LIMIT_CACHE_MS, clearApiRateLimitCache } from "../api-keys/get-api-rate-limit";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { isUuid, parseInput } from "../parse-input";
import { getTenantRateLimitSetting, type TenantRateLimitSetting } from "./api-usage-rate-limit";
import { ZRequestsPerMinute } from "./preview-rate-limit";
import { recordFeatureUse } from "./record-feature-use";

export const ZSetTenantRateLimit = z.object({
  /** The new limit; null removes the override, so the plan's limit applies again. */
  requestsPerMinute: z.union([ZRequestsPerMinute, z.null()]),
  reason: z
    .string("say why the limit changes")
    .trim()
    .min(3, "say why the limit changes (at least 3 characters)")
    .max(500, "must be at most 500 characters"),
});
export type TSetTenantRateLimit = z.input<typeof ZSetTenantRateLimit>;

export type SetTenantRateLimitOptions = TSetTenantRateLimit & {
  tenantId: string;
  actor: StaffActor;
  now?: Date;
  context?: AuditContext;
};

export type SetTenantRateLimitResult = TenantRateLimitSetting & {
  /** Every instance reads the new limit within this many seconds (its per-tenant cache TTL). */
  effectiveWithinSeconds: number;
};

/**
 * Staff set (or clear) a tenant's public API limit override. The upsert, the audit event
 * (`usage.rate_limit_changed`, before/after) and the RateLimitEdit feature use commit together.
 * Instances read limits through getApiRateLimit, which caches a tenant's limit for
 * API_RATE_LIMIT_CACHE_MS (30 s), so every instance enforces the new limit within that time;
 * this process forgets its cache at once.
 */
export async function setTenantRateLimit(
  options: SetTenantRateLimitOptions,
  executor: Executor = db,
): Promise<SetTenantRateLimitResult> {
  const { requestsPerMinute, reason } = parseInput(ZSetTenantRateLimit, {
    requestsPerMinute: options.requestsPerMinute,
    reason: options.reason,
  });
  if (!isUuid(options.tenantId)) throw new AppError("not_found", "Client not found");
  const now = options.now ?? new Date();
  const after = await executor.transaction(async (tx) => {
    // Lock the tenant so two staff saving at once apply one after the other, each auditing the real "before".
    const [tenant] = await tx
      .select({ id: tenants.id })
      .from(tenants)
      .where(eq(tenants.id, options.tenantId))
      .for("update");
    if (!tenant) throw new AppError("not_found", "Client not found");
    const before = await getTenantRateLimitSetting({ tenantId: tenant.id }, tx);
    if (requestsPerMinute === null) {
      await tx.delete(tenantRateLimits).where(eq(tenantRateLimits.tenantId, tenant.id));
    } else {
      const values = { requestsPerMinute, reason, updatedBy: options.actor.userId, updatedAt: now };
      await tx
        .insert(tenantRateLimits)
        .values({ tenantId: tenant.id, ...values, createdAt: now })
        .onConflictDoUpdate({ target: tenantRateLimits.tenantId, set: values });
    }
    const updated = await getTenantRateLimitSetting({ tenantId: tenant.id }, tx);
    await recordAuditEvent(
      {
        actor: options.actor,
        action: "usage.rate_limit_changed",
        tenantId: tenant.id,
        target: { type: "tenant", id: tenant.id },
        before: describe(before),
        after: describe(updated),
        metadata: { reason },
        context: options.context,
      },
      tx,
    );
    await recordFeatureUse(
      {
        tenantId: tenant.id,
        userId: options.actor.userId,
        app: "portal",
        featureKey: "RateLimitEdit",
        metadata: { from: before.requestsPerMinute, to: updated.requestsPerMinute, source: updated.source },
        at: now,
      },
      tx,
    );
    return updated;
  });
  clearApiRateLimitCache();
  return { ...after, effectiveWithinSeconds: API_RATE_LIMIT_CACHE_MS / 1000 };
}

function describe(setting: TenantRateLimitSetting) {
  return {
    requestsPerMinute: setting.requestsPerMinute,
    source: setting.source,
    override: setting.override?.requestsPerMinute ?? null,
    planLimit: setting.planLimit,
  };
}
