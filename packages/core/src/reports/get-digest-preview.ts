import { db, type Executor } from "@pp/db";
import { reportSubscriptions } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { cachedUsageDrops } from "../action-center/usage-drops";
import { buildDigest } from "./build-digest";
import { type DigestSchedule, type DigestSend, nextDigestSend } from "./digest-schedule";
import { type RenderedDigest, renderDigest } from "./render-digest";
import { type ReportSubscription, scheduleOf } from "./report-subscription";

/** What the Reports page shows a staff member who has not subscribed yet. */
export const DEFAULT_DIGEST_SCHEDULE: DigestSchedule = {
  cadence: "weekly",
  weekday: 1,
  dayOfMonth: null,
  sendHour: 8,
  timeZone: "UTC",
};

export type DigestPreview = {
  subscription: ReportSubscription | null;
  schedule: DigestSchedule;
  next: DigestSend;
  rendered: Omit<RenderedDigest, "attachments"> & { attachments: { filename: string; rows: number }[] };
};

/**
 * The next digest the staff member will get, rendered by the same function as the email, with
 * today's figures (a period still running shows its days so far).
 */
export async function getDigestPreview(
  options: { userId: string; now?: Date },
  executor: Executor = db,
): Promise<DigestPreview> {
  const now = options.now ?? new Date();
  const [subscription] = await executor
    .select()
    .from(reportSubscriptions)
    .where(eq(reportSubscriptions.userId, options.userId));
  const schedule = subscription ? scheduleOf(subscription) : DEFAULT_DIGEST_SCHEDULE;
  const next = nextDigestSend(schedule, now);
  // The Action Center's counts as its page shows them (the usage-drop signal cached alike).
  const digest = await buildDigest({ schedule, at: next.sendAt, now, usageDrops: cachedUsageDrops }, executor);
  const { attachments, ...rendered } = renderDigest(digest);
  return {
    subscription: subscription ?? null,
    schedule,
    next,
    rendered: {
      ...rendered,
      // Rows without the header line.
      attachments: attachments.map((file) => ({
        filename: file.filename,
        rows: file.content.split("\r\n").filter(Boolean).length - 1,
      })),
    },
  };
}
