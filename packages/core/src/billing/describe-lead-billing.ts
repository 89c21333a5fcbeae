import { formatCents } from "./billing-dates";
import type { LeadBillingState, SettledPriceChange } from "./settle-lead-price-change";

/** Where a lead's charge stands, from its invoice (if any): the state `settleLeadPriceChange` would find. */
export function leadBillingStateOf(input: {
  invoice: { status: string; writtenOff: boolean } | null;
  included: boolean;
}): LeadBillingState {
  const { invoice } = input;
  if (!invoice) return "uninvoiced";
  if (input.included) return "included";
  if (invoice.status === "void") return "void_invoice";
  if (invoice.writtenOff) return "written_off_invoice";
  return invoice.status === "paid" ? "paid_invoice" : "open_invoice";
}

/**
 * What an approved dispute did to the bill, in words: "$35.00 credited on INV-…", "Removed from the
 * next invoice" (never "Credit $0.00" for a lead that was not billed yet). `state` null: the lead was
 * not billable when it was approved.
 */
export function describeDisputeCredit(input: {
  creditCents: number;
  currency: string;
  state: LeadBillingState | null;
  invoiceNumber?: string | null;
}): string {
  const { creditCents, currency, state } = input;
  const on = input.invoiceNumber ? ` on invoice ${input.invoiceNumber}` : "";
  if (creditCents > 0) {
    return state === "paid_invoice"
      ? `${formatCents(creditCents, currency)} credit for the next invoice (the lead's invoice was paid)`
      : `${formatCents(creditCents, currency)} credited${on}`;
  }
  switch (state) {
    case "uninvoiced":
      return "Removed from the next invoice";
    case "included":
      return "Nothing to credit — it was one of the plan's included leads";
    case "void_invoice":
      return `Nothing to credit — ${input.invoiceNumber ? `invoice ${input.invoiceNumber}` : "its invoice"} was void`;
    case "written_off_invoice":
      return `Nothing to credit — ${input.invoiceNumber ? `invoice ${input.invoiceNumber}` : "its invoice"} was written off`;
    case null:
      return "Nothing to credit — the lead was not billable";
    default:
      return "Nothing left to credit";
  }
}

/**
 * What a reclassification did to the bill, for the toast and the lead page: the new price and the
 * adjustment (or why there is none).
 */
export function describeReclassifyBilling(input: {
  billing: Pick<SettledPriceChange, "state" | "creditedCents" | "creditId"> | null;
  toPriceCents: number;
  currency: string;
  invoiceNumber?: string | null;
}): string {
  const { billing, currency } = input;
  const money = (cents: number) => formatCents(cents, currency);
  const invoice = input.invoiceNumber ? `invoice ${input.invoiceNumber}` : "its invoice";
  if (!billing) return "the lead is not billable, so no invoice changes";
  const moved = -billing.creditedCents;
  switch (billing.state) {
    case "uninvoiced":
      return `the next invoice bills ${money(input.toPriceCents)}`;
    case "included":
      return `still one of the plan's included leads on ${invoice} — no adjustment`;
    case "void_invoice":
      return `${invoice} is void — no adjustment`;
    case "written_off_invoice":
      return `${invoice} was written off — no adjustment`;
    case "paid_invoice":
      return moved < 0
        ? `${invoice} is paid — ${money(-moved)} credit for the next invoice`
        : `${invoice} is paid — a higher price is not charged after the fact`;
    case "open_invoice":
      if (moved === 0) return `already billed at that amount on ${invoice} — no adjustment`;
      return `${moved > 0 ? "+" : "−"}${money(Math.abs(moved))} adjustment on ${invoice}${
        billing.creditId ? " (what exceeds the amount due is carried forward as credit)" : ""
      }`;
  }
}
