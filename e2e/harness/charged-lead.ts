import type { Executor } from "@pp/db";
import { createInvoice, createLead, LEAD_CATEGORY_DEFINITIONS } from "@pp/db/factories";
import { leadInvoiceLines } from "@pp/db/lead-invoice-lines";
import { plans, subscriptions } from "@pp/db/schema";
import { eq } from "drizzle-orm";

const DAY_MS = 86_400_000;

/**
 * A lead charged at its price, after the plan line, on an open invoice of its own, issued 16 days ago (so 2 days overdue,
 * newer than the seeded tenant's overdue invoice): what the invoice job bills once a period's
 * included leads are used up. The seeded invoice's 3 leads are all included (charged 0), so tests
 * that credit or adjust a charged lead make one here.
 */
export async function chargedLeadOnOpenInvoice(executor: Executor, input: { tenantId: string; category: string }) {
  const issuedAt = new Date(Date.now() - 16 * DAY_MS);
  const lead = await createLead(executor, {
    tenantId: input.tenantId,
    category: input.category,
    receivedAt: new Date(issuedAt.getTime() - 10 * DAY_MS),
  });
  const categoryName = LEAD_CATEGORY_DEFINITIONS.find((category) => category.code === input.category)?.name;
  const [line] = leadInvoiceLines([{ ...lead, categoryName: categoryName ?? input.category }], 0);
  if (!line) throw new Error("no lead line");
  const [subscribed] = await executor
    .select({ plan: plans, subscriptionId: subscriptions.id })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(eq(subscriptions.tenantId, input.tenantId));
  if (!subscribed) throw new Error("the tenant has no subscription");
  const planLine = {
    kind: "subscription" as const,
    description: `${subscribed.plan.name} plan (monthly)`,
    unitAmountCents: subscribed.plan.priceCents,
  };
  const invoice = await createInvoice(executor, {
    tenantId: input.tenantId,
    subscriptionId: subscribed.subscriptionId,
    status: "open",
    issuedAt,
    lines: [planLine, line],
  });
  const invoiceLine = invoice.lines.find((candidate) => candidate.leadId === lead.id);
  if (!invoiceLine) throw new Error("the charged lead's line is missing");
  return { lead: { ...lead, invoiceLineId: invoiceLine.id }, invoice, line: invoiceLine };
}
