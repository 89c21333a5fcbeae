import type { PlanCode } from "../catalog";
import { addMonths, DAY_MS } from "../ids";
import type { Random } from "../random";
import { type DemoContext, PLAN_ORDER, planOf } from "./context";
import type { TenantRisk } from "./risk";

export type BillingPeriod = { start: number; end: number; planCode: PlanCode; quantity: number; trial: boolean };

export type SubscriptionTimeline = {
  subscriptionId: string;
  periods: BillingPeriod[];
  /** Spans in which the tenant used the product (trial included, churned gaps excluded). */
  activeSpans: [number, number][];
  status: "trialing" | "active" | "canceled" | "expired";
  planCode: PlanCode;
  quantity: number;
  canceledAt: number | null;
  trialEnd: number | null;
  cancelAtPeriodEnd: boolean;
};

// Churn is not drawn here: a tenant churns when a decline of its latent risk (risk.ts) runs its
// course. These are the chances of a decline starting in a month, before the tenant's propensity.
const DECLINE_PER_MONTH: Record<PlanCode, number> = { basic: 0.035, pro: 0.025, enterprise: 0.015 };
/** Churn with no warning in the data (a business sold or closed): the noise no score can rank. */
const SURPRISE_CHURN_PER_MONTH = 0.006;
const UPGRADE_PER_MONTH = 0.03;
const DOWNGRADE_PER_MONTH = 0.015;
const REACTIVATION_PER_MONTH = 0.08;
const TRIAL_SHARE = 0.25;
const TRIAL_CONVERSION = 0.8;

/**
 * Month-by-month plan history from sign-up to `now`: trial, upgrades, downgrades, churn and
 * reactivation, each written to the MRR ledger (subscription_events) as it happens.
 */
export function simulateSubscription(
  context: DemoContext,
  random: Random,
  tenant: { id: string; signedUpAt: number; risk: TenantRisk },
): SubscriptionTimeline {
  const { risk } = tenant;
  const subscriptionId = random.uuid7(tenant.signedUpAt);
  const timeline: SubscriptionTimeline = {
    subscriptionId,
    periods: [],
    activeSpans: [],
    status: "active",
    planCode: random.weighted([
      ["basic", 6],
      ["pro", 3],
      ["enterprise", 1],
    ] as const),
    quantity: 1,
    canceledAt: null,
    trialEnd: null,
    cancelAtPeriodEnd: false,
  };
  if (timeline.planCode === "enterprise" && random.chance(0.25)) timeline.quantity = 2;
  const record = recorder(context, random, tenant.id, subscriptionId);

  let anchor = tenant.signedUpAt;
  if (random.chance(TRIAL_SHARE)) {
    const trialEnd = tenant.signedUpAt + 14 * DAY_MS;
    timeline.trialEnd = trialEnd;
    timeline.periods.push({
      start: tenant.signedUpAt,
      end: trialEnd,
      planCode: timeline.planCode,
      quantity: 1,
      trial: true,
    });
    if (trialEnd > context.now) {
      timeline.status = "trialing";
      timeline.activeSpans.push([tenant.signedUpAt, context.now]);
      return timeline;
    }
    // A trial whose onboarding stalled converts far less often.
    if (!random.chance(risk.stalledOnboarding ? 0.4 : TRIAL_CONVERSION)) {
      timeline.status = "expired";
      timeline.canceledAt = trialEnd;
      timeline.activeSpans.push([tenant.signedUpAt, trialEnd]);
      return timeline;
    }
    anchor = trialEnd;
  }

  record("new", null, timeline.planCode, 0, mrr(context, timeline.planCode, timeline.quantity), anchor);
  let activeFrom: number | null = timeline.trialEnd === null ? anchor : tenant.signedUpAt;
  for (let month = 0; ; month++) {
    const start = addMonths(new Date(anchor), month).getTime();
    const end = addMonths(new Date(anchor), month + 1).getTime();
    const active = timeline.status === "active";
    if (active)
      timeline.periods.push({ start, end, planCode: timeline.planCode, quantity: timeline.quantity, trial: false });
    if (end > context.now) break;
    if (active) {
      const before = mrr(context, timeline.planCode, timeline.quantity);
      const level = PLAN_ORDER.indexOf(timeline.planCode);
      if (!risk.declineAt(start) && random.chance(DECLINE_PER_MONTH[timeline.planCode] * risk.propensity)) {
        risk.startDecline(random, start);
      }
      const declining = risk.declineAt(start) ?? risk.declineAt(end - 1);
      const endsNow = risk.declines.some((decline) => decline.churns && decline.to >= start && decline.to < end);
      const roll = random.next();
      if (endsNow || random.chance(SURPRISE_CHURN_PER_MONTH)) {
        record("churn", timeline.planCode, null, before, 0, end);
        timeline.status = "canceled";
        timeline.canceledAt = end;
        if (activeFrom !== null) timeline.activeSpans.push([activeFrom, end]);
        activeFrom = null;
      } else if (roll < UPGRADE_PER_MONTH && level < 2 && !declining) {
        const to = PLAN_ORDER[level + 1] ?? timeline.planCode;
        record("expansion", timeline.planCode, to, before, mrr(context, to, timeline.quantity), end);
        timeline.planCode = to;
      } else if (roll < UPGRADE_PER_MONTH + DOWNGRADE_PER_MONTH * (declining ? 4 : 1) && level > 0) {
        // Slipping tenants trim their plan before they leave.
        const to = PLAN_ORDER[level - 1] ?? timeline.planCode;
        timeline.quantity = 1;
        record("contraction", timeline.planCode, to, before, mrr(context, to, 1), end);
        timeline.planCode = to;
      }
    } else if (random.chance(REACTIVATION_PER_MONTH)) {
      timeline.planCode = random.chance(0.7) ? "basic" : timeline.planCode;
      timeline.quantity = 1;
      record("reactivation", null, timeline.planCode, 0, mrr(context, timeline.planCode, 1), end);
      timeline.status = "active";
      timeline.canceledAt = null;
      activeFrom = end;
    }
  }
  if (timeline.status === "active") {
    if (activeFrom !== null) timeline.activeSpans.push([activeFrom, context.now]);
    // A few customers have asked to cancel at the end of the current period (Action Center: expiring).
    timeline.cancelAtPeriodEnd = random.chance(0.03);
  }
  return timeline;
}

export function mrr(context: DemoContext, code: PlanCode, quantity: number): number {
  return planOf(context, code).priceCents * quantity;
}

function recorder(context: DemoContext, random: Random, tenantId: string, subscriptionId: string) {
  return (
    type: "new" | "expansion" | "contraction" | "churn" | "reactivation",
    from: PlanCode | null,
    to: PlanCode | null,
    before: number,
    after: number,
    at: number,
  ) => {
    const when = new Date(at);
    context.buffers.subscription_events.add([
      random.uuid7(at),
      tenantId,
      subscriptionId,
      type,
      from ? planOf(context, from).id : null,
      to ? planOf(context, to).id : null,
      before,
      after,
      when,
      when,
    ]);
  };
}

/** The subscription row as it stands today; `pastDue` comes from the invoices. */
export function writeSubscription(
  context: DemoContext,
  tenant: { id: string; signedUpAt: number },
  timeline: SubscriptionTimeline,
  pastDue: boolean,
): string {
  const last = timeline.periods[timeline.periods.length - 1];
  const start = last?.start ?? tenant.signedUpAt;
  const end = last && last.end > start ? last.end : start + 30 * DAY_MS;
  const status = timeline.status === "active" && pastDue ? "past_due" : timeline.status;
  const current = status === "active" || status === "past_due";
  context.buffers.subscriptions.add([
    timeline.subscriptionId,
    tenant.id,
    planOf(context, timeline.planCode).id,
    status,
    new Date(start),
    new Date(end),
    current && timeline.cancelAtPeriodEnd,
    timeline.trialEnd === null ? null : new Date(timeline.trialEnd),
    timeline.canceledAt === null ? null : new Date(timeline.canceledAt),
    timeline.quantity,
    current ? mrr(context, timeline.planCode, timeline.quantity) : 0,
    "USD",
    new Date(tenant.signedUpAt),
    new Date(Math.min(context.now, Math.max(start, tenant.signedUpAt))),
  ]);
  return status;
}
