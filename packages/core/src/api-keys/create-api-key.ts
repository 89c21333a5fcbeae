import { db, type Executor, isUniqueViolation } from "@pp/db";
import { apiKeys, tenants, users } from "@pp/db/schema";
import { and, count, eq, gt, isNull, or } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { MemberActor, StaffActor } from "../auth/actors";
import { AppError, validationError } from "../errors";
import { clampToStorable } from "../input/storable";
import { zDay, zIsoDateTime } from "../input/zod-pieces";
import { parseInput } from "../parse-input";
import { recordFeatureUse } from "../usage/record-feature-use";
import { ZApiKeyScope } from "./api-key-scopes";
import { type ApiKeySummary, auditedKey, toApiKeySummary } from "./api-key-summary";
import { generateApiKeyToken } from "./api-key-token";

export const MAX_ACTIVE_KEYS_PER_TENANT = 25;
export const MAX_RATE_LIMIT_PER_MINUTE = 100_000;
const MAX_LIFETIME_YEARS = 2;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The fields both create forms send; the tenant comes from the route (tenant app) or the body (portal). */
export const ZCreateApiKeyFields = z.object({
  name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
  scopes: z
    .array(ZApiKeyScope)
    .min(1, "choose at least one scope")
    .transform((scopes) => [...new Set(scopes)].sort()),
  // A bare date means the key works through that whole day (UTC). Dates pass through (parsed twice).
  expiresAt: z
    .union([z.date(), zDay(), zIsoDateTime()], {
      error: "must be a date (YYYY-MM-DD) or an ISO 8601 date-time",
    })
    .nullish()
    .transform((value) => (value ? expiryOf(value) : null)),
  rateLimitPerMinute: z
    .number("must be a whole number of requests per minute")
    .int("must be a whole number of requests per minute")
    .min(1, "must be at least 1")
    .max(MAX_RATE_LIMIT_PER_MINUTE, `must be at most ${MAX_RATE_LIMIT_PER_MINUTE.toLocaleString("en-US")}`)
    .nullish()
    .transform((value) => value ?? null),
});
export const ZCreateApiKey = ZCreateApiKeyFields.extend({ tenantId: z.uuid("must be a tenant id") });
export type TCreateApiKey = z.input<typeof ZCreateApiKey>;

function expiryOf(value: Date | string): Date {
  if (value instanceof Date) return value;
  // Through the whole day: 9999-12-31 lasts to the last instant a timestamptz parameter carries.
  return value.length === 10 ? clampToStorable(new Date(Date.parse(`${value}T00:00:00Z`) + DAY_MS)) : new Date(value);
}

// Scopes as any strings: they are checked here, so callers outside HTTP get the same 400s.
export type CreateApiKeyOptions = Omit<TCreateApiKey, "scopes"> & {
  scopes: readonly string[];
  actor: StaffActor | MemberActor;
  now?: Date;
  context?: AuditContext;
};

/** The create result: the only time the whole key leaves the server. */
export type CreatedApiKey = ApiKeySummary & { key: string };

const MAX_PREFIX_ATTEMPTS = 3;

/**
 * Mints a key for a tenant: `pp_live_<prefix>_<secret>` from the CSPRNG, of which only the
 * SHA-256 hash and the prefix are stored. Members may only mint keys for their own tenant.
 */
export async function createApiKey(options: CreateApiKeyOptions, executor: Executor = db): Promise<CreatedApiKey> {
  const { actor, context } = options;
  const input = parseInput(ZCreateApiKey, {
    tenantId: options.tenantId,
    name: options.name,
    scopes: options.scopes,
    expiresAt: options.expiresAt,
    rateLimitPerMinute: options.rateLimitPerMinute,
  });
  const now = options.now ?? new Date();
  checkExpiry(input.expiresAt, now);
  // A member asking for another tenant learns nothing about it.
  if (actor.kind === "member" && actor.tenantId !== input.tenantId) throw tenantNotFound();
  // A key's own limit may exceed the plan's, so only the provider sets one.
  if (actor.kind === "member" && input.rateLimitPerMinute !== null) {
    throw new AppError("forbidden", "Only your provider can set a key's rate limit — contact support to change it");
  }

  for (let attempt = 1; ; attempt++) {
    const token = generateApiKeyToken();
    try {
      return await executor.transaction(async (tx) => {
        const [tenant] = await tx
          .select({ id: tenants.id, name: tenants.name, slug: tenants.slug })
          .from(tenants)
          .where(eq(tenants.id, input.tenantId))
          .for("update");
        if (!tenant) throw tenantNotFound();
        await refuseBeyondActiveLimit(tx, tenant.id, now);

        const [row] = await tx
          .insert(apiKeys)
          .values({
            tenantId: tenant.id,
            name: input.name,
            prefix: token.prefix,
            hash: token.hash,
            scopes: input.scopes,
            createdBy: actor.userId,
            expiresAt: input.expiresAt,
            rateLimitPerMinute: input.rateLimitPerMinute,
          })
          .returning();
        if (!row) throw new Error("api key insert returned no row");
        const [creator] = await tx
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(eq(users.id, actor.userId));
        const summary = toApiKeySummary({ ...row, tenant, createdBy: creator ?? null }, now);
        await recordAuditEvent(
          {
            actor,
            action: "api_key.created",
            tenantId: tenant.id,
            target: { type: "api_key", id: row.id },
            after: auditedKey(summary),
            context,
          },
          tx,
        );
        await recordFeatureUse(
          {
            tenantId: tenant.id,
            userId: actor.userId,
            app: actor.kind === "staff" ? "portal" : "tenant",
            featureKey: "ApiKeyCreated",
            metadata: { apiKeyId: row.id, scopes: input.scopes },
            at: now,
          },
          tx,
        );
        return { ...summary, key: token.token };
      });
    } catch (error) {
      // Two keys drawing the same 8-character prefix: astronomically rare, and a new draw fixes it.
      if (attempt < MAX_PREFIX_ATTEMPTS && isUniqueViolation(error, "api_keys_prefix_key")) continue;
      throw error;
    }
  }
}

function tenantNotFound(): AppError {
  return validationError(
    [{ path: "tenantId", message: "is not a workspace we know" }],
    (path) => `Invalid field "${path}"`,
  );
}

function checkExpiry(expiresAt: Date | null, now: Date): void {
  if (!expiresAt) return;
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + MAX_LIFETIME_YEARS);
  const message =
    expiresAt <= now ? "must be in the future" : expiresAt > latest ? "must be at most 2 years from now" : null;
  if (message) throw validationError([{ path: "expiresAt", message }], (path) => `Invalid field "${path}"`);
}

async function refuseBeyondActiveLimit(tx: Executor, tenantId: string, now: Date): Promise<void> {
  const [active] = await tx
    .select({ count: count() })
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.tenantId, tenantId),
        isNull(apiKeys.revokedAt),
        or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now)),
      ),
    );
  if ((active?.count ?? 0) >= MAX_ACTIVE_KEYS_PER_TENANT) {
    throw new AppError(
      "conflict",
      `This workspace already has ${MAX_ACTIVE_KEYS_PER_TENANT} active keys — revoke one you no longer use first`,
    );
  }
}
