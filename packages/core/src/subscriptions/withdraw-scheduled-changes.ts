import type { Executor } from "@pp/db";
import { subscriptionChanges, subscriptionEvents } from "@pp/db/schema";
import { and, eq, inArray, isNull } from "drizzle-orm";

/**
 * Withdraws a subscription's scheduled (not yet applied) changes and removes their future-dated
 * ledger rows: a later change replaces them, so the ledger never holds two futures at once.
 */
export async function withdrawScheduledChanges(
  tx: Executor,
  input: { subscriptionId: string; tenantId: string; now: Date },
): Promise<(typeof subscriptionChanges.$inferSelect)[]> {
  const withdrawn = await tx
    .update(subscriptionChanges)
    .set({ withdrawnAt: input.now })
    .where(
      and(
        eq(subscriptionChanges.subscriptionId, input.subscriptionId),
        eq(subscriptionChanges.tenantId, input.tenantId),
        isNull(subscriptionChanges.appliedAt),
        isNull(subscriptionChanges.withdrawnAt),
      ),
    )
    .returning();
  const eventIds = withdrawn.flatMap((change) => (change.eventId ? [change.eventId] : []));
  if (eventIds.length > 0) {
    await tx
      .delete(subscriptionEvents)
      .where(and(inArray(subscriptionEvents.id, eventIds), eq(subscriptionEvents.tenantId, input.tenantId)));
  }
  return withdrawn;
}
