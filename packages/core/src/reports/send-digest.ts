import { db, type Executor } from "@pp/db";
import { reportDeliveries, reportSubscriptions, staffMembers, users } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { enqueueEmail } from "../email/enqueue-email";
import { AppError } from "../errors";
import { buildDigest, type Digest } from "./build-digest";
import { digestWindow, dueDigestSend, nextDigestSend } from "./digest-schedule";
import { renderDigest } from "./render-digest";
import { type ReportSubscription, scheduleOf } from "./report-subscription";
import { oneClickUnsubscribeUrlOf, unsubscribeUrlOf } from "./unsubscribe-token";

/**
 * Queues one digest in the outbox, once per (subscriber, period): the delivery row's unique key is
 * taken first, in the same transaction as the email, so a second job instance racing for the same
 * period waits on it and then finds it taken. Returns the outbox id, or null when already sent.
 */
async function queueDigest(
  options: {
    subscription: ReportSubscription;
    email: string;
    periodKey: string;
    at: Date;
    now: Date;
    /** Digests already built in this run, by cadence and window: subscribers of the same week share one. */
    built?: Map<string, Promise<Digest>>;
  },
  executor: Executor,
): Promise<string | null> {
  const { subscription } = options;
  return executor.transaction(async (tx) => {
    const [claimed] = await tx
      .insert(reportDeliveries)
      .values({ userId: subscription.userId, periodKey: options.periodKey })
      .onConflictDoNothing()
      .returning({ id: reportDeliveries.id });
    if (!claimed) return null;
    // Built on the outer executor (the pool): its queries run in parallel, and none reads the claim.
    const schedule = scheduleOf(subscription);
    const window = digestWindow(schedule, options.at);
    const key = `${schedule.cadence}|${window.from.toISOString()}|${window.to.toISOString()}`;
    let building = options.built?.get(key);
    if (!building) {
      building = buildDigest({ schedule, at: options.at, now: options.now }, executor);
      options.built?.set(key, building);
    }
    const digest = await building;
    const rendered = renderDigest(digest, { unsubscribeUrl: unsubscribeUrlOf(subscription.id) });
    const { id } = await enqueueEmail(
      {
        to: options.email,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        attachments: rendered.attachments,
        // RFC 8058 one-click: mail clients POST `List-Unsubscribe=One-Click` to this URL.
        headers: {
          "List-Unsubscribe": `<${oneClickUnsubscribeUrlOf(subscription.id)}>`,
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        kind: "report_digest",
        related: { type: "report_subscription", id: subscription.id },
      },
      tx,
    );
    await tx.update(reportDeliveries).set({ outboxId: id }).where(eq(reportDeliveries.id, claimed.id));
    return id;
  });
}

/**
 * The job: every subscriber whose period's send time has come (in their own time zone) and whose
 * digest for that period is not out yet gets it. Deactivated staff get nothing.
 */
export async function sendDueDigests(
  options: { now?: Date } = {},
  executor: Executor = db,
): Promise<{ due: number; queued: number }> {
  const now = options.now ?? new Date();
  const rows = await executor
    .select({ subscription: reportSubscriptions, email: users.email })
    .from(reportSubscriptions)
    .innerJoin(users, eq(users.id, reportSubscriptions.userId))
    .innerJoin(staffMembers, and(eq(staffMembers.userId, users.id), eq(staffMembers.status, "active")));
  let due = 0;
  let queued = 0;
  const failures: unknown[] = [];
  const built = new Map<string, Promise<Digest>>();
  for (const { subscription, email } of rows) {
    const send = dueDigestSend(scheduleOf(subscription), now, subscription.scheduledFrom);
    if (!send) continue;
    due++;
    // One subscriber's failure (rolled back, retried next run) does not hold up the others.
    try {
      const id = await queueDigest(
        { subscription, email, periodKey: send.periodKey, at: send.sendAt, now, built },
        executor,
      );
      if (id) queued++;
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) {
    throw new AggregateError(
      failures,
      `${failures.length} of ${due} due digests failed; they are retried on the next run`,
    );
  }
  return { due, queued };
}

/** "Send me one now": the digest as the next one would be, to the signed-in subscriber, outside the schedule. */
export async function sendDigestNow(
  options: { actor: StaffActor; now?: Date; context?: AuditContext },
  executor: Executor = db,
): Promise<{ outboxId: string; to: string }> {
  const now = options.now ?? new Date();
  const [subscription] = await executor
    .select()
    .from(reportSubscriptions)
    .where(eq(reportSubscriptions.userId, options.actor.userId));
  if (!subscription) throw new AppError("conflict", "Subscribe first: the digest goes to subscribers");
  // The same digest the preview shows: the next scheduled one, with today's figures.
  const at = nextDigestSend(scheduleOf(subscription), now).sendAt;
  const outboxId = await queueDigest(
    { subscription, email: options.actor.email, periodKey: `now:${uuidv7()}`, at, now },
    executor,
  );
  if (!outboxId) throw new Error("a fresh period key was already taken");
  await recordAuditEvent(
    {
      actor: options.actor,
      action: "report_digest.sent_now",
      target: { type: "report_subscription", id: subscription.id },
      metadata: { outboxId },
      context: options.context,
    },
    executor,
  );
  return { outboxId, to: options.actor.email };
}
