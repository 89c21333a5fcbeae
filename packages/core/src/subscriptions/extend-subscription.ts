import { db, type Executor } from "@pp/db";
import { activities, subscriptions } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { formatUtcDate } from "../billing/billing-dates";
import { AppError } from "../errors";
import { zCount, zNumberParam } from "../input/zod-pieces";
import { isUuid, parseInput } from "../parse-input";
import { recordFeatureUse } from "../usage/record-feature-use";

export const MAX_EXTENSION_DAYS = 90;
const DAY_MS = 86_400_000;

export const ZExtendSubscription = z.object({
  days: zNumberParam(
    zCount("must be a number of days")
      .min(1, "must be at least 1 day")
      .max(MAX_EXTENSION_DAYS, `must be at most ${MAX_EXTENSION_DAYS} days`),
  ),
  reason: z.string().trim().min(1, "Say why the subscription is extended").max(500, "must be at most 500 characters"),
});
export type TExtendSubscription = z.input<typeof ZExtendSubscription>;

export type ExtendSubscriptionOptions = TExtendSubscription & {
  subscriptionId: string;
  actor: StaffActor;
  now?: Date;
  context?: AuditContext;
};

export type ExtendedSubscription = {
  subscriptionId: string;
  tenantId: string;
  status: string;
  extended: "trial_end" | "current_period_end";
  from: Date;
  to: Date;
};

/**
 * Extend a subscription by `days`, with a reason. A trial gets a longer trial (trial_end moves,
 * and the current period with it if the trial now outlasts it): the client has more time to
 * convert before the first charge. A paying subscription gets a longer current period
 * (current_period_end moves): the next invoice is issued that much later, i.e. free days.
 * Canceled and expired subscriptions cannot be extended — reactivate them instead.
 */
export async function extendSubscription(
  options: ExtendSubscriptionOptions,
  executor: Executor = db,
): Promise<ExtendedSubscription> {
  const { subscriptionId, actor } = options;
  const { days, reason } = parseInput(ZExtendSubscription, { days: options.days, reason: options.reason });
  const now = options.now ?? new Date();
  if (!isUuid(subscriptionId)) throw new AppError("not_found", "Subscription not found");
  return executor.transaction(async (tx) => {
    const [subscription] = await tx
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.id, subscriptionId))
      .for("update");
    if (!subscription) throw new AppError("not_found", "Subscription not found");
    if (subscription.status === "canceled" || subscription.status === "expired") {
      throw new AppError("conflict", `This subscription is ${subscription.status} — there is no period left to extend`);
    }
    const trial = subscription.status === "trialing";
    const from = trial ? (subscription.trialEnd ?? subscription.currentPeriodEnd) : subscription.currentPeriodEnd;
    const to = new Date(from.getTime() + days * DAY_MS);
    const changes = trial
      ? {
          trialEnd: to,
          currentPeriodEnd: to > subscription.currentPeriodEnd ? to : subscription.currentPeriodEnd,
        }
      : { currentPeriodEnd: to };
    await tx
      .update(subscriptions)
      .set({ ...changes, updatedAt: now })
      .where(eq(subscriptions.id, subscription.id));
    const what = trial ? "Trial" : "Subscription period";
    await tx.insert(activities).values({
      tenantId: subscription.tenantId,
      kind: "system",
      title: `${what} extended by ${days} day${days === 1 ? "" : "s"} to ${formatUtcDate(to)}`,
      actorId: actor.userId,
      relatedType: "subscription",
      relatedId: subscription.id,
      metadata: { days, reason, from: from.toISOString(), to: to.toISOString() },
      at: now,
    });
    await recordAuditEvent(
      {
        actor,
        action: "subscription.extended",
        tenantId: subscription.tenantId,
        target: { type: "subscription", id: subscription.id },
        before: { trialEnd: subscription.trialEnd, currentPeriodEnd: subscription.currentPeriodEnd },
        after: { trialEnd: changes.trialEnd ?? subscription.trialEnd, currentPeriodEnd: changes.currentPeriodEnd },
        metadata: { days, reason },
        context: options.context,
      },
      tx,
    );
    await recordFeatureUse(
      {
        tenantId: subscription.tenantId,
        userId: actor.userId,
        app: "portal",
        featureKey: "ExtendSubscription",
        metadata: { subscriptionId: subscription.id, days },
        at: now,
      },
      tx,
    );
    return {
      subscriptionId: subscription.id,
      tenantId: subscription.tenantId,
      status: subscription.status,
      extended: trial ? "trial_end" : "current_period_end",
      from,
      to,
    };
  });
}
