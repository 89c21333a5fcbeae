import { db, type Executor } from "@pp/db";
import { plans, tenantRateLimits, tenants } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { AppError } from "../errors";
import { isUuid } from "../parse-input";

/** What the public API allows a tenant with neither an override nor a plan. */
export const DEFAULT_PUBLIC_API_LIMIT = 60;

export type RateLimitSource = "override" | "plan" | "default";

export type TenantRateLimitSetting = {
  tenantId: string;
  tenantName: string;
  /** The limit in force: the override, else the plan's, else the public API default. */
  requestsPerMinute: number;
  source: RateLimitSource;
  planLimit: number | null;
  override: { requestsPerMinute: number; reason: string | null; updatedBy: string | null; updatedAt: Date } | null;
};

export function effectiveLimit(override: number | null | undefined, plan: number | null | undefined) {
  if (override) return { requestsPerMinute: override, source: "override" as const };
  if (plan) return { requestsPerMinute: plan, source: "plan" as const };
  return { requestsPerMinute: DEFAULT_PUBLIC_API_LIMIT, source: "default" as const };
}

/** A tenant's public API limit and where it comes from; an unknown tenant is a 404. */
export async function getTenantRateLimitSetting(
  options: { tenantId: string },
  executor: Executor = db,
): Promise<TenantRateLimitSetting> {
  if (!isUuid(options.tenantId)) throw new AppError("not_found", "Client not found");
  const [row] = await executor
    .select({
      tenantId: tenants.id,
      tenantName: tenants.name,
      planLimit: plans.apiRateLimitPerMinute,
      override: tenantRateLimits.requestsPerMinute,
      reason: tenantRateLimits.reason,
      updatedBy: tenantRateLimits.updatedBy,
      updatedAt: tenantRateLimits.updatedAt,
    })
    .from(tenants)
    .leftJoin(plans, eq(plans.id, tenants.planId))
    .leftJoin(tenantRateLimits, eq(tenantRateLimits.tenantId, tenants.id))
    .where(eq(tenants.id, options.tenantId));
  if (!row) throw new AppError("not_found", "Client not found");
  return {
    tenantId: row.tenantId,
    tenantName: row.tenantName,
    ...effectiveLimit(row.override, row.planLimit),
    planLimit: row.planLimit,
    override:
      row.override !== null && row.updatedAt
        ? { requestsPerMinute: row.override, reason: row.reason, updatedBy: row.updatedBy, updatedAt: row.updatedAt }
        : null,
  };
}
