import { db, type Executor } from "@pp/db";
import { auditEvents, tenants } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { AppError } from "../errors";
import { isUuid } from "../parse-input";
import type { AuditEventListItem } from "./list-audit-events";

/** One audit event with everything it recorded: what changed (before/after) and its metadata. */
export type AuditEventDetail = AuditEventListItem & {
  before: unknown;
  after: unknown;
  metadata: Record<string, unknown>;
};

/** The event, or a 404 (a malformed id is as unknown as a missing one). Staff-only: the trail spans tenants. */
export async function getAuditEventOrThrow(
  options: { id: string },
  executor: Executor = db,
): Promise<AuditEventDetail> {
  const notFound = new AppError("not_found", "Audit event not found");
  if (!isUuid(options.id)) throw notFound;
  const [row] = await executor
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorType: auditEvents.actorType,
      actorId: auditEvents.actorId,
      actorLabel: auditEvents.actorLabel,
      tenantId: auditEvents.tenantId,
      tenantName: tenants.name,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      requestId: auditEvents.requestId,
      ip: auditEvents.ip,
      userAgent: auditEvents.userAgent,
      before: auditEvents.before,
      after: auditEvents.after,
      metadata: auditEvents.metadata,
    })
    .from(auditEvents)
    .leftJoin(tenants, eq(tenants.id, auditEvents.tenantId))
    .where(eq(auditEvents.id, options.id));
  if (!row) throw notFound;
  return row;
}
