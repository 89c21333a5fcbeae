import { db, type Executor } from "@pp/db";
import { actionSnoozes, cardDisputes, incidents, invoices, leads, subscriptions, tenants } from "@pp/db/schema";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { staffCan } from "../auth/permissions";
import { AppError } from "../errors";
import { zInstant } from "../input/zod-pieces";
import { isUuid, parseInput } from "../parse-input";
import { recordFeatureUse } from "../usage/record-feature-use";
import { ACTION_BUCKETS, type ActionBucket, BUCKET_LABELS, BUCKET_WRITE_PERMISSION } from "./buckets";

/** The longest snooze: an item that can wait longer than this needs a decision, not a snooze. */
export const MAX_SNOOZE_DAYS = 90;
const DAY_MS = 86_400_000;

export const ZSnoozeActionItem = z.object({
  bucket: z.enum(ACTION_BUCKETS, `must be one of ${ACTION_BUCKETS.join(", ")}`),
  itemId: z.string().trim().min(1, "is required").max(100),
  until: zInstant("must be a date or date-time"),
  reason: z.string().trim().min(1, "Say why this can wait").max(500, "must be at most 500 characters"),
});
export type TSnoozeActionItem = z.input<typeof ZSnoozeActionItem>;

export type SnoozeActionItemOptions = TSnoozeActionItem & { actor: StaffActor; now?: Date; context?: AuditContext };
export type ActionSnooze = { bucket: ActionBucket; itemId: string; until: Date; reason: string; snoozedBy: string };

/**
 * Snooze: hides an Action Center item until a date, with a reason. Snoozing it again replaces the
 * date and reason (one row per bucket + item). Acting on a bucket's items needs that bucket's
 * write permission, so a viewer cannot snooze and billing staff cannot hide SLA breaches.
 */
export async function snoozeActionItem(
  options: SnoozeActionItemOptions,
  executor: Executor = db,
): Promise<ActionSnooze> {
  const { actor } = options;
  const { bucket, itemId, until, reason } = parseInput(ZSnoozeActionItem, {
    bucket: options.bucket,
    itemId: options.itemId,
    until: options.until,
    reason: options.reason,
  });
  const now = options.now ?? new Date();
  if (until.getTime() <= now.getTime()) {
    throw new AppError("validation_failed", 'Invalid field "until": pick a time in the future', {
      details: [{ path: "until", message: "must be in the future" }],
    });
  }
  if (until.getTime() > now.getTime() + MAX_SNOOZE_DAYS * DAY_MS) {
    throw new AppError("validation_failed", `Invalid field "until": at most ${MAX_SNOOZE_DAYS} days ahead`, {
      details: [{ path: "until", message: `must be at most ${MAX_SNOOZE_DAYS} days ahead` }],
    });
  }
  if (!staffCan(actor.role, BUCKET_WRITE_PERMISSION[bucket])) {
    throw new AppError(
      "forbidden",
      `Snoozing ${BUCKET_LABELS[bucket].toLowerCase()} needs ${BUCKET_WRITE_PERMISSION[bucket]}`,
    );
  }
  return executor.transaction(async (tx) => {
    const tenantId = await tenantOfItem(tx, bucket, itemId);
    const [previous] = await tx
      .select()
      .from(actionSnoozes)
      .where(sql`${actionSnoozes.bucket} = ${bucket} and ${actionSnoozes.itemId} = ${itemId}`)
      .for("update");
    const [row] = await tx
      .insert(actionSnoozes)
      .values({ bucket, itemId, reason, until, snoozedBy: actor.userId, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [actionSnoozes.bucket, actionSnoozes.itemId],
        set: { reason, until, snoozedBy: actor.userId, updatedAt: now },
      })
      .returning();
    if (!row) throw new Error("snooze upsert returned no row");
    await recordAuditEvent(
      {
        actor,
        action: "action_item.snoozed",
        tenantId,
        target: { type: "action_item", id: `${bucket}:${itemId}` },
        before: previous ? { until: previous.until, reason: previous.reason } : null,
        after: { until, reason },
        context: options.context,
      },
      tx,
    );
    await recordFeatureUse(
      {
        tenantId,
        userId: actor.userId,
        app: "portal",
        featureKey: "SnoozeAction",
        metadata: { bucket, itemId },
        at: now,
      },
      tx,
    );
    return { bucket, itemId, until: row.until, reason: row.reason, snoozedBy: actor.userId };
  });
}

/** The tenant an item belongs to (for the audit row); an unknown item is a 404. */
export async function tenantOfItem(executor: Executor, bucket: ActionBucket, itemId: string): Promise<string | null> {
  if (!isUuid(itemId)) throw new AppError("not_found", "This Action Center item does not exist");
  const lookups: Record<ActionBucket, () => Promise<{ tenantId: string | null }[]>> = {
    disputesPending: () => executor.select({ tenantId: leads.tenantId }).from(leads).where(eq(leads.id, itemId)),
    invoicesOverdue: () =>
      executor.select({ tenantId: invoices.tenantId }).from(invoices).where(eq(invoices.id, itemId)),
    paymentsFailed: () =>
      executor.select({ tenantId: invoices.tenantId }).from(invoices).where(eq(invoices.id, itemId)),
    chargebacks: () =>
      executor.select({ tenantId: cardDisputes.tenantId }).from(cardDisputes).where(eq(cardDisputes.id, itemId)),
    subsExpiring: () =>
      executor.select({ tenantId: subscriptions.tenantId }).from(subscriptions).where(eq(subscriptions.id, itemId)),
    slaBreaches: () =>
      executor.select({ tenantId: incidents.tenantId }).from(incidents).where(eq(incidents.id, itemId)),
    tenantsAtRisk: () => executor.select({ tenantId: tenants.id }).from(tenants).where(eq(tenants.id, itemId)),
    rateLimitAlerts: () => executor.select({ tenantId: tenants.id }).from(tenants).where(eq(tenants.id, itemId)),
  };
  const [row] = await lookups[bucket]();
  if (!row) throw new AppError("not_found", "This Action Center item does not exist");
  return row.tenantId;
}
