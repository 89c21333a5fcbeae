import { db, type Executor } from "@pp/db";
import { activities, coupons, plans, subscriptionEvents, subscriptions, tenants } from "@pp/db/schema";
import { and, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { MemberActor } from "../auth/actors";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { couponStateOf } from "../pricing/list-coupons";
import { countCouponRedemption, redemptionsByCoupon, ZCouponCode } from "../pricing/pricing-rules";
import { monthlyRecurringCents } from "../subscriptions/subscription-amounts";
import { CURRENT_SUBSCRIPTION_STATUSES } from "../tenants/current-subscription";
import { recordFeatureUse } from "../usage/record-feature-use";
import { formatUtcDate } from "./billing-dates";
import { couponInvoicesLeft, couponOffText, couponReachText, describeCoupon } from "./coupon-discount";
import { requireClientCurrency } from "./require-client-currency";
import { invoicesSinceCouponApplied } from "./subscription-invoice-lines";

export const ZApplyCouponCode = z.object({ code: ZCouponCode });
export type TApplyCouponCode = z.input<typeof ZApplyCouponCode>;

export type ApplyCouponCodeOptions = TApplyCouponCode & {
  tenantId: string;
  actor: MemberActor;
  now?: Date;
  context?: AuditContext;
};

export type AppliedCoupon = {
  subscriptionId: string;
  code: string;
  /** "Discount: SPRING25 (20% off)", as the invoice line will read. */
  description: string;
  /** "20% off your next 3 invoices": what the contractor is told. */
  summary: string;
  /** The code it replaced: one whose discount had already run out. */
  replacedCode: string | null;
};

/**
 * A contractor applies a coupon code to their own current subscription. The code must exist, not be
 * archived or expired and be under its redemption limit (the rules staff use when starting a
 * subscription). One discount at a time: while the current coupon still discounts invoices, another
 * code is refused (409); a coupon that has run out is replaced. The next invoice issued carries the
 * discount, counted from now (`once` = that invoice, `repeating` = the next N).
 */
export async function applyCouponCode(
  options: ApplyCouponCodeOptions,
  executor: Executor = db,
): Promise<AppliedCoupon> {
  const { tenantId, actor, context } = options;
  const { code } = parseInput(ZApplyCouponCode, { code: options.code });
  const now = options.now ?? new Date();
  return executor.transaction(async (tx) => {
    const [current] = await tx
      .select({ subscription: subscriptions, plan: plans, tenantCurrency: tenants.currency })
      .from(subscriptions)
      .innerJoin(plans, eq(plans.id, subscriptions.planId))
      .innerJoin(tenants, eq(tenants.id, subscriptions.tenantId))
      .where(and(eq(subscriptions.tenantId, tenantId), inArray(subscriptions.status, CURRENT_SUBSCRIPTION_STATUSES)))
      .orderBy(desc(subscriptions.createdAt), desc(subscriptions.id))
      .limit(1)
      .for("update", { of: subscriptions });
    if (!current) {
      throw new AppError(
        "conflict",
        `You have no current plan to apply ${code} to — ask your account manager to start one`,
      );
    }
    const { subscription, plan } = current;
    const [coupon] = await tx.select().from(coupons).where(eq(coupons.code, code)).for("update");
    if (!coupon) throw codeError("not_found", `There is no coupon code "${code}" — check the spelling`);

    const [existing] = subscription.couponId
      ? await tx.select().from(coupons).where(eq(coupons.id, subscription.couponId))
      : [];
    if (existing?.id === coupon.id) throw new AppError("conflict", `${code} is already applied to your plan`);
    const left = existing ? couponInvoicesLeft(existing, await invoicesSinceCouponApplied(tx, subscription)) : 0;
    if (existing && left !== 0) {
      // One discount at a time: no stacking, and no trading a running discount for a better one.
      const runs =
        left === null ? "on every invoice" : left === 1 ? "on your next invoice" : `on your next ${left} invoices`;
      throw new AppError(
        "conflict",
        `Your plan already has ${existing.code} (${couponOffText(existing)} ${runs}) — one code at a time${left === null ? "" : "; you can apply another once it has ended"}`,
      );
    }

    const redemptions = (await redemptionsByCoupon(tx, [coupon.id])).get(coupon.id) ?? 0;
    switch (couponStateOf(coupon, redemptions, now)) {
      case "archived":
        throw codeError("unprocessable", "This code has been withdrawn and can no longer be applied");
      case "expired":
        throw codeError("unprocessable", `This code has expired (on ${formatUtcDate(coupon.expiresAt ?? now)})`);
      case "used_up":
        throw codeError("unprocessable", "This code has reached its redemption limit");
      case "redeemable":
        break;
    }
    if (coupon.amountOffCents !== null) {
      requireClientCurrency({
        clientCurrency: current.tenantCurrency,
        currency: coupon.currency,
        path: "code",
        what: `${code} takes off an amount in ${coupon.currency}`,
      });
    }

    const mrrBefore = subscription.mrrCents;
    const mrrAfter = monthlyRecurringCents({
      plan,
      quantity: subscription.quantity,
      status: subscription.status,
      coupon,
    });
    await countCouponRedemption(tx, coupon.id, now);
    await tx
      .update(subscriptions)
      .set({ couponId: coupon.id, couponAppliedAt: now, mrrCents: mrrAfter, updatedAt: now })
      .where(and(eq(subscriptions.id, subscription.id), eq(subscriptions.tenantId, tenantId)));
    if (mrrAfter !== mrrBefore) {
      await tx.insert(subscriptionEvents).values({
        tenantId,
        subscriptionId: subscription.id,
        type: mrrAfter < mrrBefore ? "contraction" : "expansion",
        fromPlanId: plan.id,
        toPlanId: plan.id,
        mrrBeforeCents: mrrBefore,
        mrrAfterCents: mrrAfter,
        effectiveAt: now,
        createdAt: now,
      });
    }

    const description = describeCoupon(coupon);
    await tx.insert(activities).values({
      tenantId,
      kind: "system",
      title: `${actor.name || actor.email} applied coupon ${code} (${couponOffText(coupon)} ${couponReachText(coupon)})`,
      actorId: actor.userId,
      relatedType: "subscription",
      relatedId: subscription.id,
      metadata: { couponId: coupon.id, replacedCouponId: existing?.id ?? null },
      at: now,
    });
    await recordAuditEvent(
      {
        actor,
        action: "subscription.coupon_applied",
        tenantId,
        target: { type: "subscription", id: subscription.id },
        before: { couponId: subscription.couponId, couponAppliedAt: subscription.couponAppliedAt, mrrCents: mrrBefore },
        after: { couponId: coupon.id, couponAppliedAt: now, mrrCents: mrrAfter },
        metadata: { code, replacedCode: existing?.code ?? null },
        context,
      },
      tx,
    );
    await recordFeatureUse(
      { tenantId, userId: actor.userId, app: "tenant", featureKey: "ApplyCoupon", metadata: { code }, at: now },
      tx,
    );
    return {
      subscriptionId: subscription.id,
      code,
      description,
      summary: `${couponOffText(coupon)} ${couponReachText(coupon)}`,
      replacedCode: existing?.code ?? null,
    };
  });
}

function codeError(code: "not_found" | "unprocessable", message: string): AppError {
  return new AppError(code, message, { details: [{ path: "code", message }] });
}
