import { db, type Executor } from "@pp/db";
import { reportSubscriptions } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { parseInput } from "../parse-input";
import {
  type ReportSubscription,
  type TReportSubscriptionInput,
  ZReportSubscriptionInput,
} from "./report-subscription";

/**
 * A staff member subscribes to the digest, or changes their schedule. The schedule counts from now:
 * a send time that already passed in this period is not sent late.
 */
export async function saveReportSubscription(
  options: { actor: StaffActor; input: TReportSubscriptionInput; now?: Date; context?: AuditContext },
  executor: Executor = db,
): Promise<ReportSubscription> {
  const input = parseInput(ZReportSubscriptionInput, options.input);
  const values = {
    cadence: input.cadence,
    weekday: input.cadence === "weekly" ? (input.weekday ?? null) : null,
    dayOfMonth: input.cadence === "monthly" ? (input.dayOfMonth ?? null) : null,
    sendHour: input.sendHour,
    timeZone: input.timeZone,
    scheduledFrom: options.now ?? new Date(),
  };
  return executor.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(reportSubscriptions)
      .where(eq(reportSubscriptions.userId, options.actor.userId))
      .for("update");
    const [saved] = await tx
      .insert(reportSubscriptions)
      .values({ userId: options.actor.userId, ...values })
      .onConflictDoUpdate({ target: reportSubscriptions.userId, set: { ...values, updatedAt: new Date() } })
      .returning();
    if (!saved) throw new Error("report_subscriptions upsert returned no row");
    await recordAuditEvent(
      {
        actor: options.actor,
        action: before ? "report_subscription.updated" : "report_subscription.created",
        target: { type: "report_subscription", id: saved.id },
        before: before ? scheduleFields(before) : undefined,
        after: scheduleFields(saved),
        context: options.context,
      },
      tx,
    );
    return saved;
  });
}

function scheduleFields(row: ReportSubscription) {
  return {
    cadence: row.cadence,
    weekday: row.weekday,
    dayOfMonth: row.dayOfMonth,
    sendHour: row.sendHour,
    timeZone: row.timeZone,
  };
}
