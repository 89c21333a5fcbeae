import { db, type Executor } from "@pp/db";
import { apiKeys, tenants, users } from "@pp/db/schema";
import { and, desc, eq, gt, isNotNull, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { decodeCursor, type Page, page } from "../pagination";
import type { ApiKeyStatus } from "./api-key-scopes";
import { API_KEY_SUMMARY_COLUMNS, type ApiKeySummary, toApiKeySummary } from "./api-key-summary";

export type ListApiKeysOptions = {
  /** Required for tenant callers; the portal may leave it out to list every tenant's keys. */
  tenantId?: string;
  status?: ApiKeyStatus;
  cursor?: string;
  limit?: number;
  now?: Date;
};

// created_at as SQL text keeps the microseconds a JS Date would drop.
const ZCursor = z.object({ createdAt: z.string().min(1).max(64), id: z.uuid() });
const MAX_LIMIT = 100;

/** Keys newest first, with tenant, creator and status; never a secret or a hash. */
export async function listApiKeys(
  options: ListApiKeysOptions = {},
  executor: Executor = db,
): Promise<Page<ApiKeySummary>> {
  const now = options.now ?? new Date();
  const limit = Math.min(Math.max(options.limit ?? 25, 1), MAX_LIMIT);
  const filters: (SQL | undefined)[] = [
    options.tenantId ? eq(apiKeys.tenantId, options.tenantId) : undefined,
    options.status ? statusFilter(options.status, now) : undefined,
  ];
  if (options.cursor) {
    const position = decodeCursor(options.cursor, ZCursor);
    filters.push(
      sql`(${apiKeys.createdAt}, ${apiKeys.id}) < (${position.createdAt}::timestamptz, ${position.id}::uuid)`,
    );
  }

  const rows = await executor
    .select({
      ...API_KEY_SUMMARY_COLUMNS,
      sortCreatedAt: sql<string>`${apiKeys.createdAt}::text`,
      tenant: { id: tenants.id, name: tenants.name, slug: tenants.slug },
      creatorId: users.id,
      creatorName: users.name,
    })
    .from(apiKeys)
    .innerJoin(tenants, eq(tenants.id, apiKeys.tenantId))
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(and(...filters))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .limit(limit + 1);

  const result = page(rows, limit, (row) => ({ createdAt: row.sortCreatedAt, id: row.id }));
  return {
    nextCursor: result.nextCursor,
    data: result.data.map(({ sortCreatedAt: _sort, creatorId, creatorName, ...row }) =>
      toApiKeySummary(
        { ...row, createdBy: creatorId !== null && creatorName !== null ? { id: creatorId, name: creatorName } : null },
        now,
      ),
    ),
  };
}

function statusFilter(status: ApiKeyStatus, now: Date): SQL | undefined {
  switch (status) {
    case "revoked":
      return isNotNull(apiKeys.revokedAt);
    case "expired":
      return and(isNull(apiKeys.revokedAt), lte(apiKeys.expiresAt, now));
    case "active":
      return and(isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now)));
  }
}
