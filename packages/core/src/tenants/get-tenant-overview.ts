import { db, type Executor } from "@pp/db";
import {
  auditEvents,
  coupons,
  type DISPUTE_STATUSES,
  invoices,
  type LEAD_SOURCES,
  leadDisputes,
  leads,
  memberships,
  type ONBOARDING_STATUSES,
  plans,
  type SUBSCRIPTION_STATUSES,
  subscriptions,
  type TENANT_STATUSES,
  type TRADES,
  tenants,
  users,
} from "@pp/db/schema";
import { and, asc, count, desc, eq, gte, inArray, sql } from "drizzle-orm";
import { AppError } from "../errors";
import { isUuid } from "../parse-input";
import { CURRENT_SUBSCRIPTION_STATUSES } from "./current-subscription";
import { startOfUtcMonth } from "./start-of-utc-month";

export type TenantOverview = {
  tenant: {
    id: string;
    name: string;
    slug: string;
    trade: (typeof TRADES)[number];
    status: (typeof TENANT_STATUSES)[number];
    region: string | null;
    timezone: string;
    onboardingStatus: (typeof ONBOARDING_STATUSES)[number];
    contactName: string | null;
    contactEmail: string | null;
    billingEmail: string | null;
    createdAt: Date;
  };
  owner: { id: string; name: string; email: string } | null;
  csm: { id: string; name: string; email: string } | null;
  plan: { id: string; name: string; priceCents: number; interval: string } | null;
  subscription: {
    id: string;
    status: (typeof SUBSCRIPTION_STATUSES)[number];
    planName: string;
    currentPeriodStart: Date;
    currentPeriodEnd: Date;
    cancelAtPeriodEnd: boolean;
    trialEnd: Date | null;
    mrrCents: number;
    currency: string;
    coupon: { code: string; name: string } | null;
  } | null;
  /** The current subscription's period end; null without one. */
  renewalDate: Date | null;
  /** MRR × 12 of the current subscription. */
  arrCents: number;
  invoices: {
    openCount: number;
    amountDueCents: number;
    overdueCount: number;
    overdueAmountCents: number;
    lastPaid: { number: string; paidAt: Date; totalCents: number } | null;
  };
  leadsThisMonth: { total: number; bySource: { source: (typeof LEAD_SOURCES)[number]; count: number }[] };
  disputes: Record<(typeof DISPUTE_STATUSES)[number], number>;
  recentActivity: {
    id: string;
    at: Date;
    actor: string;
    action: string;
    target: string | null;
  }[];
};

export const RECENT_ACTIVITY_LIMIT = 10;

/**
 * Everything Client 360's Overview shows about one tenant, from its own rows. An unknown or
 * malformed id is `not_found` (never a hint of which).
 */
export async function getTenantOverview(
  { tenantId, now = new Date() }: { tenantId: string; now?: Date },
  executor: Executor = db,
): Promise<TenantOverview> {
  if (!isUuid(tenantId)) throw tenantNotFound();
  const [tenant] = await executor
    .select({
      tenant: tenants,
      plan: { id: plans.id, name: plans.name, priceCents: plans.priceCents, interval: plans.interval },
      csm: { id: users.id, name: users.name, email: users.email },
    })
    .from(tenants)
    .leftJoin(plans, eq(plans.id, tenants.planId))
    .leftJoin(users, eq(users.id, tenants.csmUserId))
    .where(eq(tenants.id, tenantId))
    .limit(1);
  if (!tenant) throw tenantNotFound();

  const monthStart = startOfUtcMonth(now);
  const [owner, subscription, invoiceSummary, lastPaid, leadsBySource, disputeCounts, activity] = await Promise.all([
    findOwner(executor, tenantId),
    findCurrentSubscription(executor, tenantId),
    executor
      .select({
        openCount: sql<number>`count(*) filter (where ${invoices.status} in ('open', 'uncollectible') and ${invoices.writtenOffAt} is null)::int`,
        amountDueCents: sql<number>`coalesce(sum(${invoices.amountDueCents}) filter (where ${invoices.status} in ('open', 'uncollectible') and ${invoices.writtenOffAt} is null), 0)::int`,
        overdueCount: sql<number>`count(*) filter (where ${invoices.status} in ('open', 'uncollectible') and ${invoices.writtenOffAt} is null and ${invoices.dueAt} < ${now})::int`,
        overdueAmountCents: sql<number>`coalesce(sum(${invoices.amountDueCents}) filter (where ${invoices.status} in ('open', 'uncollectible') and ${invoices.writtenOffAt} is null and ${invoices.dueAt} < ${now}), 0)::int`,
      })
      .from(invoices)
      .where(eq(invoices.tenantId, tenantId)),
    executor
      .select({ number: invoices.number, paidAt: invoices.paidAt, totalCents: invoices.totalCents })
      .from(invoices)
      .where(and(eq(invoices.tenantId, tenantId), eq(invoices.status, "paid")))
      .orderBy(sql`${invoices.paidAt} desc nulls last`)
      .limit(1),
    executor
      .select({ source: leads.source, count: count() })
      .from(leads)
      .where(and(eq(leads.tenantId, tenantId), gte(leads.receivedAt, monthStart)))
      .groupBy(leads.source)
      .orderBy(desc(count()), asc(leads.source)),
    executor
      .select({ status: leadDisputes.status, count: count() })
      .from(leadDisputes)
      .where(eq(leadDisputes.tenantId, tenantId))
      .groupBy(leadDisputes.status),
    executor
      .select({
        id: auditEvents.id,
        at: auditEvents.at,
        actorType: auditEvents.actorType,
        actorLabel: auditEvents.actorLabel,
        actorId: auditEvents.actorId,
        action: auditEvents.action,
        targetType: auditEvents.targetType,
        targetId: auditEvents.targetId,
      })
      .from(auditEvents)
      .where(eq(auditEvents.tenantId, tenantId))
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .limit(RECENT_ACTIVITY_LIMIT),
  ]);

  const summary = invoiceSummary[0];
  const paid = lastPaid[0];
  const disputes = { pending: 0, approved: 0, rejected: 0 };
  for (const row of disputeCounts) disputes[row.status] = row.count;
  const { tenant: row } = tenant;

  return {
    tenant: {
      id: row.id,
      name: row.name,
      slug: row.slug,
      trade: row.trade,
      status: row.status,
      region: row.region,
      timezone: row.timezone,
      onboardingStatus: row.onboardingStatus,
      contactName: row.contactName,
      contactEmail: row.contactEmail,
      billingEmail: row.billingEmail,
      createdAt: row.createdAt,
    },
    owner,
    csm: tenant.csm,
    plan: tenant.plan,
    subscription,
    renewalDate: subscription?.currentPeriodEnd ?? null,
    arrCents: (subscription?.mrrCents ?? 0) * 12,
    invoices: {
      openCount: summary?.openCount ?? 0,
      amountDueCents: summary?.amountDueCents ?? 0,
      overdueCount: summary?.overdueCount ?? 0,
      overdueAmountCents: summary?.overdueAmountCents ?? 0,
      lastPaid: paid?.paidAt ? { number: paid.number, paidAt: paid.paidAt, totalCents: paid.totalCents } : null,
    },
    leadsThisMonth: {
      total: leadsBySource.reduce((sum, source) => sum + source.count, 0),
      bySource: leadsBySource,
    },
    disputes,
    recentActivity: activity.map((event) => ({
      id: event.id,
      at: event.at,
      actor: event.actorLabel ?? (event.actorId ? `${event.actorType}:${event.actorId}` : event.actorType),
      action: event.action,
      target: event.targetType ? `${event.targetType}${event.targetId ? ` ${event.targetId}` : ""}` : null,
    })),
  };
}

function tenantNotFound(): AppError {
  return new AppError("not_found", "Tenant not found");
}

async function findOwner(executor: Executor, tenantId: string) {
  const [owner] = await executor
    .select({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.role, "owner")))
    // The first owner is the account holder; later owners are co-owners.
    .orderBy(asc(memberships.createdAt), asc(memberships.id))
    .limit(1);
  return owner ?? null;
}

async function findCurrentSubscription(executor: Executor, tenantId: string): Promise<TenantOverview["subscription"]> {
  const [row] = await executor
    .select({
      id: subscriptions.id,
      status: subscriptions.status,
      planName: plans.name,
      currentPeriodStart: subscriptions.currentPeriodStart,
      currentPeriodEnd: subscriptions.currentPeriodEnd,
      cancelAtPeriodEnd: subscriptions.cancelAtPeriodEnd,
      trialEnd: subscriptions.trialEnd,
      mrrCents: subscriptions.mrrCents,
      currency: subscriptions.currency,
      couponCode: coupons.code,
      couponName: coupons.name,
    })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .leftJoin(coupons, eq(coupons.id, subscriptions.couponId))
    .where(and(eq(subscriptions.tenantId, tenantId), inArray(subscriptions.status, CURRENT_SUBSCRIPTION_STATUSES)))
    .orderBy(desc(subscriptions.createdAt), desc(subscriptions.id))
    .limit(1);
  if (!row) return null;
  const { couponCode, couponName, ...subscription } = row;
  return { ...subscription, coupon: couponCode && couponName ? { code: couponCode, name: couponName } : null };
}
