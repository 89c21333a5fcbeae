import { db, type Executor } from "@pp/db";
import { reportSubscriptions } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { type DigestSend, nextDigestSend } from "./digest-schedule";
import { type ReportSubscription, scheduleOf } from "./report-subscription";

/** A staff member's digest subscription (null when none) and when the next one goes out. */
export async function getReportSubscription(
  options: { userId: string; now?: Date },
  executor: Executor = db,
): Promise<{ subscription: ReportSubscription | null; next: DigestSend | null }> {
  const [subscription] = await executor
    .select()
    .from(reportSubscriptions)
    .where(eq(reportSubscriptions.userId, options.userId));
  if (!subscription) return { subscription: null, next: null };
  return { subscription, next: nextDigestSend(scheduleOf(subscription), options.now ?? new Date()) };
}
