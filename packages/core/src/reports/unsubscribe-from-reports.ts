import { db, type Executor } from "@pp/db";
import { reportSubscriptions, users } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { verifyUnsubscribeToken } from "./unsubscribe-token";

export type UnsubscribeResult = { unsubscribed: true; email: string | null; alreadyUnsubscribed: boolean };

/**
 * One-click unsubscribe from the digest's signed link: no session needed, the signature is the
 * proof. A tampered token is a 400; a link whose subscription is already gone is a no-op. Audited
 * as the subscriber.
 */
export async function unsubscribeFromReports(
  options: { token: string; context?: AuditContext },
  executor: Executor = db,
): Promise<UnsubscribeResult> {
  const subscriptionId = verifyUnsubscribeToken(options.token);
  return executor.transaction(async (tx) => {
    const [row] = await tx
      .delete(reportSubscriptions)
      .where(eq(reportSubscriptions.id, subscriptionId))
      .returning({ userId: reportSubscriptions.userId, cadence: reportSubscriptions.cadence });
    if (!row) return { unsubscribed: true, email: null, alreadyUnsubscribed: true };
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, row.userId));
    await recordAuditEvent(
      {
        actor: { kind: "account", userId: row.userId, email: user?.email ?? "", staff: true },
        action: "report_subscription.deleted",
        target: { type: "report_subscription", id: subscriptionId },
        before: { cadence: row.cadence },
        metadata: { via: "unsubscribe_link" },
        context: options.context,
      },
      tx,
    );
    return { unsubscribed: true, email: user?.email ?? null, alreadyUnsubscribed: false };
  });
}

/** The signed-in staff member stops their digest from the Reports page. */
export async function cancelReportSubscription(
  options: { actor: StaffActor; context?: AuditContext },
  executor: Executor = db,
): Promise<{ subscribed: false }> {
  return executor.transaction(async (tx) => {
    const [row] = await tx
      .delete(reportSubscriptions)
      .where(eq(reportSubscriptions.userId, options.actor.userId))
      .returning({ id: reportSubscriptions.id, cadence: reportSubscriptions.cadence });
    if (row) {
      await recordAuditEvent(
        {
          actor: options.actor,
          action: "report_subscription.deleted",
          target: { type: "report_subscription", id: row.id },
          before: { cadence: row.cadence },
          context: options.context,
        },
        tx,
      );
    }
    return { subscribed: false };
  });
}

/** What the unsubscribe page says about a link: not valid, already done, or whose digest it stops. */
export async function describeUnsubscribeLink(
  options: { token: string },
  executor: Executor = db,
): Promise<{ valid: false } | { valid: true; subscribed: boolean; email: string | null }> {
  let subscriptionId: string;
  try {
    subscriptionId = verifyUnsubscribeToken(options.token);
  } catch {
    return { valid: false };
  }
  const [row] = await executor
    .select({ email: users.email })
    .from(reportSubscriptions)
    .innerJoin(users, eq(users.id, reportSubscriptions.userId))
    .where(eq(reportSubscriptions.id, subscriptionId));
  return { valid: true, subscribed: row !== undefined, email: row?.email ?? null };
}
