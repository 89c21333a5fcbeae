import { db, type Executor } from "@pp/db";
import { invoiceLines, invoices, plans, subscriptions, tenantCredits, tenants } from "@pp/db/schema";
import { and, asc, desc, eq, inArray, isNotNull } from "drizzle-orm";
import { describeIncludedLeadsRule } from "../pricing/lead-price";
import { leadReceivedDates } from "./lead-received-dates";
import { openCreditWhere } from "./open-credit";
import { orderInvoiceLines } from "./order-invoice-lines";

export type TenantBilling = {
  plan: {
    name: string;
    priceCents: number;
    interval: string;
    currency: string;
    includedLeads: number;
    pricePerLeadCents: number;
    /** How leads are charged: included leads first, then category price or the plan's per-lead price. */
    leadPricingRule: string;
  } | null;
  /** The one currency every amount of this tenant is in. */
  currency: string;
  subscription: { status: string; currentPeriodEnd: Date; quantity: number } | null;
  /** Each with its lines in reading order (plan, discount, leads by date, credits). */
  invoices: (typeof invoices.$inferSelect & { lines: (typeof invoiceLines.$inferSelect)[] })[];
  /** Credits waiting for the next invoice. */
  openCreditCents: number;
  /** Carried credits already used on invoices. */
  appliedCreditCents: number;
};

/** The tenant's own Billing page: plan, latest invoices with their lines, and credit waiting to be applied. */
export async function getTenantBilling(
  options: { tenantId: string; limit?: number },
  executor: Executor = db,
): Promise<TenantBilling> {
  const { tenantId } = options;
  const [current] = await executor
    .select({ subscription: subscriptions, plan: plans })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(eq(subscriptions.tenantId, tenantId))
    .orderBy(desc(subscriptions.createdAt))
    .limit(1);
  const rows = await executor
    .select()
    .from(invoices)
    .where(and(eq(invoices.tenantId, tenantId), inArray(invoices.status, ["open", "paid", "uncollectible"])))
    .orderBy(desc(invoices.createdAt))
    .limit(options.limit ?? 12);
  const lines = rows.length
    ? await executor
        .select()
        .from(invoiceLines)
        .where(
          and(
            eq(invoiceLines.tenantId, tenantId),
            inArray(
              invoiceLines.invoiceId,
              rows.map((invoice) => invoice.id),
            ),
          ),
        )
        .orderBy(asc(invoiceLines.createdAt), asc(invoiceLines.id))
    : [];
  const received = await leadReceivedDates(executor, tenantId, lines);
  const credits = await executor
    .select({ amountCents: tenantCredits.amountCents })
    .from(tenantCredits)
    .where(and(eq(tenantCredits.tenantId, tenantId), openCreditWhere()));
  const applied = await executor
    .select({ amountCents: tenantCredits.amountCents })
    .from(tenantCredits)
    .where(and(eq(tenantCredits.tenantId, tenantId), isNotNull(tenantCredits.appliedInvoiceId)));
  const [tenant] = await executor.select({ currency: tenants.currency }).from(tenants).where(eq(tenants.id, tenantId));
  return {
    plan: current
      ? {
          name: current.plan.name,
          priceCents: current.plan.priceCents,
          interval: current.plan.interval,
          currency: current.plan.currency,
          includedLeads: current.plan.includedLeads,
          pricePerLeadCents: current.plan.pricePerLeadCents,
          leadPricingRule: describeIncludedLeadsRule(current.plan),
        }
      : null,
    currency: tenant?.currency ?? "USD",
    subscription: current
      ? {
          status: current.subscription.status,
          currentPeriodEnd: current.subscription.currentPeriodEnd,
          quantity: current.subscription.quantity,
        }
      : null,
    invoices: rows.map((invoice) => ({
      ...invoice,
      lines: orderInvoiceLines(
        lines.filter((line) => line.invoiceId === invoice.id),
        received,
      ),
    })),
    openCreditCents: credits.reduce((sum, credit) => sum + credit.amountCents, 0),
    appliedCreditCents: applied.reduce((sum, credit) => sum + credit.amountCents, 0),
  };
}
