import { db, type Executor } from "@pp/db";
import {
  activities,
  invoiceLines,
  invoices,
  payments,
  plans,
  subscriptions,
  tenantCredits,
  tenants,
} from "@pp/db/schema";
import { and, asc, desc, eq } from "drizzle-orm";
import { AppError } from "../errors";
import { isUuid } from "../parse-input";
import { describeIncludedLeadsRule } from "../pricing/lead-price";
import { type InvoiceIssuer, invoiceIssuer } from "./invoice-issuer";
import { leadReceivedDates } from "./lead-received-dates";
import { openCreditWhere } from "./open-credit";
import { orderInvoiceLines } from "./order-invoice-lines";

export type InvoiceDetail = {
  invoice: typeof invoices.$inferSelect;
  tenant: { id: string; name: string; slug: string; billingEmail: string | null; contactEmail: string | null };
  /** In reading order: plan, discount, leads by date with their adjustments, carried credits. */
  lines: (typeof invoiceLines.$inferSelect)[];
  /** Who issued the invoice and how to pay it (from configuration). */
  issuer: InvoiceIssuer;
  payments: (typeof payments.$inferSelect)[];
  /** Reminder emails on the client's timeline for this invoice, newest first. */
  reminders: { id: string; at: Date; title: string }[];
  /** Carried-forward credits this invoice used. */
  creditsApplied: { id: string; amountCents: number; reason: string }[];
  /** The lead pricing rule of the plan the invoice bills (null without a subscription). */
  leadPricingRule: string | null;
  /** The client's credit still waiting for a next invoice. */
  openCreditCents: number;
};

/**
 * One invoice with its lines, payments, reminders and applied credits. Staff omit `tenantId`;
 * a tenant passes its own, and another tenant's invoice is a 404 like an unknown one.
 */
export async function getInvoiceDetail(
  options: { invoiceId: string; tenantId?: string },
  executor: Executor = db,
): Promise<InvoiceDetail> {
  const notFound = new AppError("not_found", "Invoice not found");
  if (!isUuid(options.invoiceId)) throw notFound;
  const [row] = await executor
    .select({ invoice: invoices, tenant: tenants })
    .from(invoices)
    .innerJoin(tenants, eq(tenants.id, invoices.tenantId))
    .where(
      and(eq(invoices.id, options.invoiceId), options.tenantId ? eq(invoices.tenantId, options.tenantId) : undefined),
    );
  if (!row) throw notFound;
  const { invoice, tenant } = row;
  const scope = (column: typeof invoiceLines.invoiceId | typeof payments.invoiceId) => eq(column, invoice.id);
  const [lines, paid, reminders, creditsApplied, plan, open] = await Promise.all([
    executor
      .select()
      .from(invoiceLines)
      .where(and(scope(invoiceLines.invoiceId), eq(invoiceLines.tenantId, tenant.id)))
      .orderBy(asc(invoiceLines.createdAt), asc(invoiceLines.id)),
    executor
      .select()
      .from(payments)
      .where(and(scope(payments.invoiceId), eq(payments.tenantId, tenant.id)))
      .orderBy(desc(payments.attemptedAt)),
    executor
      .select({ id: activities.id, at: activities.at, title: activities.title })
      .from(activities)
      .where(
        and(
          eq(activities.tenantId, tenant.id),
          eq(activities.kind, "email"),
          eq(activities.relatedType, "invoice"),
          eq(activities.relatedId, invoice.id),
        ),
      )
      .orderBy(desc(activities.at)),
    executor
      .select({ id: tenantCredits.id, amountCents: tenantCredits.amountCents, reason: tenantCredits.reason })
      .from(tenantCredits)
      .where(and(eq(tenantCredits.tenantId, tenant.id), eq(tenantCredits.appliedInvoiceId, invoice.id))),
    invoice.subscriptionId
      ? executor
          .select({ plan: plans })
          .from(subscriptions)
          .innerJoin(plans, eq(plans.id, subscriptions.planId))
          .where(and(eq(subscriptions.id, invoice.subscriptionId), eq(subscriptions.tenantId, tenant.id)))
      : Promise.resolve([]),
    executor
      .select({ amountCents: tenantCredits.amountCents })
      .from(tenantCredits)
      .where(and(eq(tenantCredits.tenantId, tenant.id), openCreditWhere())),
  ]);
  return {
    invoice,
    tenant: {
      id: tenant.id,
      name: tenant.name,
      slug: tenant.slug,
      billingEmail: tenant.billingEmail,
      contactEmail: tenant.contactEmail,
    },
    lines: orderInvoiceLines(lines, await leadReceivedDates(executor, tenant.id, lines)),
    issuer: invoiceIssuer(invoice),
    payments: paid,
    reminders,
    creditsApplied,
    leadPricingRule: plan[0] ? describeIncludedLeadsRule(plan[0].plan) : null,
    openCreditCents: open.reduce((sum, credit) => sum + credit.amountCents, 0),
  };
}
