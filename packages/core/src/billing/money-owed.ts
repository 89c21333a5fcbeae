import { invoices } from "@pp/db/schema";
import { and, gt, inArray, isNull, type SQL } from "drizzle-orm";

/**
 * Money is owed on an invoice until it is paid, voided or written off by a person: an uncollectible
 * invoice (Payment Retries gave up) is still owed. Every "money owed" view uses this one rule.
 */
export const MONEY_OWED_INVOICE_STATUSES = ["open", "uncollectible"] as const;

export function isMoneyOwed(invoice: { status: string; writtenOffAt: Date | null; amountDueCents: number }): boolean {
  return (
    (MONEY_OWED_INVOICE_STATUSES as readonly string[]).includes(invoice.status) &&
    invoice.writtenOffAt === null &&
    invoice.amountDueCents > 0
  );
}

/** The same rule as a Drizzle condition on `invoices`. */
export function moneyOwedCondition(): SQL {
  const condition = and(
    inArray(invoices.status, MONEY_OWED_INVOICE_STATUSES),
    isNull(invoices.writtenOffAt),
    gt(invoices.amountDueCents, 0),
  );
  if (!condition) throw new Error("unreachable");
  return condition;
}
