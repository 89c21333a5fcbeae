import { db, type Executor } from "@pp/db";
import { alertSubscriptions } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";

/** A staff member turns alert emails on or off for themselves. */
export async function setAlertSubscription(
  options: { actor: StaffActor; subscribed: boolean; context?: AuditContext },
  executor: Executor = db,
): Promise<{ subscribed: boolean }> {
  const { actor, subscribed } = options;
  return executor.transaction(async (tx) => {
    if (subscribed) await tx.insert(alertSubscriptions).values({ userId: actor.userId }).onConflictDoNothing();
    else await tx.delete(alertSubscriptions).where(eq(alertSubscriptions.userId, actor.userId));
    await recordAuditEvent(
      {
        actor,
        action: subscribed ? "alert_subscription.created" : "alert_subscription.deleted",
        target: { type: "user", id: actor.userId },
        context: options.context,
      },
      tx,
    );
    return { subscribed };
  });
}
