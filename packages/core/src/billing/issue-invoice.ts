import { db, type Executor } from "@pp/db";
import { nextInvoiceNumber } from "@pp/db/invoice-numbers";
import { leadInvoiceLines } from "@pp/db/lead-invoice-lines";
import { coupons, invoiceLines, invoices, leadCategories, leads, plans, subscriptions, tenants } from "@pp/db/schema";
import { and, asc, desc, eq, gte, inArray, isNull, lt, ne } from "drizzle-orm";
import { type AuditContext, type AuditEventInput, recordAuditEvent } from "../audit/record-audit-event";
import { AppError } from "../errors";
import { recordFeatureUse } from "../usage/record-feature-use";
import { applyOpenCredits } from "./apply-open-credits";
import { addDays, formatUtcDate } from "./billing-dates";
import { type Invoice, recomputeInvoiceTotals } from "./recompute-invoice-totals";
import { requireClientCurrency } from "./require-client-currency";
import { type SubscriptionRow, subscriptionInvoiceLines } from "./subscription-invoice-lines";

export const INVOICE_DUE_DAYS = 14;
/** Subscriptions in these states are charged for the period. */
const CHARGED_SUBSCRIPTION_STATUSES = ["active", "past_due"] as const;

type NewLine = Omit<typeof invoiceLines.$inferInsert, "tenantId" | "invoiceId">;
/** A line a caller adds when issuing (see `extraLines`). */
export type NewInvoiceLine = Omit<NewLine, "included" | "tenantCreditId" | "createdAt">;

export type IssueInvoiceOptions = {
  tenantId: string;
  periodStart: Date;
  periodEnd: Date;
  /** Issue time (default now): numbering month, due date = now + 14 days. */
  now?: Date;
  actor?: AuditEventInput["actor"];
  context?: AuditContext;
  /**
   * Further charges or reductions to bill on this invoice after the subscription and lead lines, e.g.
   * a prorated plan change (a reduction is a negative `adjustment` without a lead).
   */
  extraLines?: NewInvoiceLine[];
};

export type IssuedInvoice = Invoice & { lines: (typeof invoiceLines.$inferSelect)[] };

/**
 * Issues the tenant's invoice for [periodStart, periodEnd), in the tenant's one currency: the
 * subscription line (plan × quantity) with its coupon, one line per billable lead received in the
 * period and not invoiced yet — the plan's included leads are the earliest of them, marked included and
 * charged 0; further leads at their price (category price, or the plan's per-lead price) — then open
 * carried-forward credits as credit lines up to what is left to pay (a remainder stays open).
 * A plan or coupon in another currency than the tenant's is refused (422), never converted.
 */
export async function issueInvoice(options: IssueInvoiceOptions, executor: Executor = db): Promise<IssuedInvoice> {
  const { tenantId, periodStart, periodEnd } = options;
  const now = options.now ?? new Date();
  if (periodEnd.getTime() <= periodStart.getTime()) {
    throw new AppError("validation_failed", "The period must end after it starts", {
      details: [{ path: "periodEnd", message: "must be after periodStart" }],
    });
  }
  return executor.transaction(async (tx) => {
    // One issuer per tenant at a time: two runs cannot bill the same lead twice.
    const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, tenantId)).for("update");
    if (!tenant) throw new AppError("not_found", "Client not found");
    const [samePeriod] = await tx
      .select({ number: invoices.number })
      .from(invoices)
      .where(and(eq(invoices.tenantId, tenantId), eq(invoices.periodStart, periodStart), ne(invoices.status, "void")))
      .limit(1);
    if (samePeriod) {
      throw new AppError(
        "conflict",
        `Invoice ${samePeriod.number} already covers the period starting ${formatUtcDate(periodStart)}`,
      );
    }

    const [subscription] = await tx
      .select({ subscription: subscriptions, plan: plans, coupon: coupons })
      .from(subscriptions)
      .innerJoin(plans, eq(plans.id, subscriptions.planId))
      .leftJoin(coupons, eq(coupons.id, subscriptions.couponId))
      .where(and(eq(subscriptions.tenantId, tenantId), inArray(subscriptions.status, CHARGED_SUBSCRIPTION_STATUSES)))
      .orderBy(desc(subscriptions.createdAt))
      .limit(1);

    if (subscription) refuseOtherCurrency(tenant.currency, subscription);
    const lines: NewLine[] = [];
    if (subscription) lines.push(...(await subscriptionInvoiceLines(tx, subscription, periodStart)));

    const billableLeads = await tx
      .select({
        id: leads.id,
        priceCents: leads.priceCents,
        receivedAt: leads.receivedAt,
        category: leads.category,
        categoryName: leadCategories.name,
      })
      .from(leads)
      .leftJoin(leadCategories, and(eq(leadCategories.trade, tenant.trade), eq(leadCategories.code, leads.category)))
      .where(
        and(
          eq(leads.tenantId, tenantId),
          eq(leads.billingStatus, "billable"),
          isNull(leads.invoiceLineId),
          gte(leads.receivedAt, periodStart),
          lt(leads.receivedAt, periodEnd),
        ),
      )
      .orderBy(asc(leads.receivedAt), asc(leads.id))
      .for("update", { of: leads });
    lines.push(
      ...leadInvoiceLines(
        billableLeads.map((lead) => ({ ...lead, categoryName: lead.categoryName ?? lead.category })),
        subscription?.plan.includedLeads ?? 0,
      ),
    );
    lines.push(...(options.extraLines ?? []));

    const [invoice] = await tx
      .insert(invoices)
      .values({
        tenantId,
        subscriptionId: subscription?.subscription.id ?? null,
        number: await nextInvoiceNumber(tx, now),
        status: "open",
        currency: tenant.currency,
        periodStart,
        periodEnd,
        issuedAt: now,
        dueAt: addDays(now, INVOICE_DUE_DAYS),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!invoice) throw new Error("invoice insert returned no row");

    const inserted =
      lines.length === 0
        ? []
        : await tx
            .insert(invoiceLines)
            .values(lines.map((line) => ({ ...line, tenantId, invoiceId: invoice.id, createdAt: now })))
            .returning();
    for (const line of inserted) {
      if (line.kind === "lead" && line.leadId) {
        await tx
          .update(leads)
          .set({ invoiceLineId: line.id, updatedAt: now })
          .where(and(eq(leads.id, line.leadId), eq(leads.tenantId, tenantId)));
      }
    }

    const payable = inserted.reduce((sum, line) => sum + line.amountCents, 0);
    const creditLines = await applyOpenCredits(tx, {
      tenantId,
      invoiceId: invoice.id,
      currency: tenant.currency,
      payable,
      now,
    });
    const totalled = await recomputeInvoiceTotals({ tenantId, invoiceId: invoice.id, now }, tx);

    await recordAuditEvent(
      {
        actor: options.actor ?? { kind: "system", label: "billing" },
        action: "invoice.issued",
        tenantId,
        target: { type: "invoice", id: invoice.id },
        after: {
          number: totalled.number,
          periodStart,
          periodEnd,
          totalCents: totalled.totalCents,
          lines: inserted.length + creditLines.length,
        },
        context: options.context,
      },
      tx,
    );
    const actor = options.actor;
    await recordFeatureUse(
      {
        tenantId,
        userId: actor && "userId" in actor ? actor.userId : null,
        app: "portal",
        featureKey: "CreateInvoice",
        metadata: { invoiceId: invoice.id, automatic: !actor || actor.kind === "system" },
        at: now,
      },
      tx,
    );
    return { ...totalled, lines: [...inserted, ...creditLines] };
  });
}

function refuseOtherCurrency(clientCurrency: string, row: SubscriptionRow): void {
  const { subscription, plan, coupon } = row;
  requireClientCurrency({
    clientCurrency,
    currency: subscription.currency,
    path: "subscription.currency",
    what: `The ${plan.name} subscription is in ${subscription.currency}`,
  });
  requireClientCurrency({
    clientCurrency,
    currency: plan.currency,
    path: "plan.currency",
    what: `The ${plan.name} plan is priced in ${plan.currency}`,
  });
  if (coupon && coupon.amountOffCents !== null) {
    requireClientCurrency({
      clientCurrency,
      currency: coupon.currency,
      path: "coupon.currency",
      what: `Coupon ${coupon.code} takes off an amount in ${coupon.currency}`,
    });
  }
}
