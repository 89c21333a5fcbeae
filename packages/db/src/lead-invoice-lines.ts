import { formatUtcDate } from "./dates";
import type { INVOICE_LINE_KINDS } from "./schema/enums";

/** A billable lead of the period, with the words its line shows ("Drain cleaning"). */
export type LeadToInvoice = { id: string; priceCents: number; receivedAt: Date; categoryName: string };

export type LeadInvoiceLine = {
  kind: Extract<(typeof INVOICE_LINE_KINDS)[number], "lead">;
  description: string;
  quantity: number;
  unitAmountCents: number;
  amountCents: number;
  leadId: string;
  included: boolean;
};

/**
 * The lead lines of a period's invoice (DESIGN §7): the plan's included leads are the earliest of
 * the period (`leads` ordered by receipt), charged 0 and marked included; the rest at their price.
 * The invoice job and the seeds both bill leads with this, so a seeded invoice is one the job would issue.
 */
export function leadInvoiceLines(leads: readonly LeadToInvoice[], includedLeads: number): LeadInvoiceLine[] {
  return leads.map((lead, index) => {
    const included = index < includedLeads;
    const name = `Lead: ${lead.categoryName} (received ${formatUtcDate(lead.receivedAt)})`;
    return {
      kind: "lead",
      description: included ? `${name} — included in plan (${index + 1} of ${includedLeads})` : name,
      quantity: 1,
      unitAmountCents: included ? 0 : lead.priceCents,
      amountCents: included ? 0 : lead.priceCents,
      leadId: lead.id,
      included,
    };
  });
}
