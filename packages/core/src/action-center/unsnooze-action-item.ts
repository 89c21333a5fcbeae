import { db, type Executor } from "@pp/db";
import { actionSnoozes } from "@pp/db/schema";
import { and, eq, gt } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { staffCan } from "../auth/permissions";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { ACTION_BUCKETS, BUCKET_LABELS, BUCKET_WRITE_PERMISSION } from "./buckets";
import { tenantOfItem } from "./snooze-action-item";

export const ZUnsnoozeActionItem = z.object({
  bucket: z.enum(ACTION_BUCKETS, `must be one of ${ACTION_BUCKETS.join(", ")}`),
  itemId: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
});
export type TUnsnoozeActionItem = z.input<typeof ZUnsnoozeActionItem>;

export type UnsnoozeActionItemOptions = TUnsnoozeActionItem & { actor: StaffActor; now?: Date; context?: AuditContext };

/**
 * Un-snooze: the item is back in its queue now. Needs the bucket's write permission (as snoozing
 * does); an item with no snooze running is a 404. The removed date and reason stay in the audit log.
 */
export async function unsnoozeActionItem(
  options: UnsnoozeActionItemOptions,
  executor: Executor = db,
): Promise<{ bucket: string; itemId: string }> {
  const { actor } = options;
  const { bucket, itemId } = parseInput(ZUnsnoozeActionItem, { bucket: options.bucket, itemId: options.itemId });
  const now = options.now ?? new Date();
  if (!staffCan(actor.role, BUCKET_WRITE_PERMISSION[bucket])) {
    throw new AppError(
      "forbidden",
      `Un-snoozing ${BUCKET_LABELS[bucket].toLowerCase()} needs ${BUCKET_WRITE_PERMISSION[bucket]}`,
    );
  }
  return executor.transaction(async (tx) => {
    const tenantId = await tenantOfItem(tx, bucket, itemId);
    // The delete locks the row: of two staff un-snoozing at once, the second finds nothing (404).
    const [removed] = await tx
      .delete(actionSnoozes)
      .where(and(eq(actionSnoozes.bucket, bucket), eq(actionSnoozes.itemId, itemId), gt(actionSnoozes.until, now)))
      .returning();
    if (!removed) throw new AppError("not_found", "This item is not snoozed");
    await recordAuditEvent(
      {
        actor,
        action: "action_item.unsnoozed",
        tenantId,
        target: { type: "action_item", id: `${bucket}:${itemId}` },
        before: { until: removed.until, reason: removed.reason },
        after: null,
        context: options.context,
      },
      tx,
    );
    return { bucket, itemId };
  });
}
