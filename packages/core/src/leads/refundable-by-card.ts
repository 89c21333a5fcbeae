import { type SQL, sql } from "drizzle-orm";

/**
 * Whether "refund to card" can be offered for a disputed lead (a `leads l` row): it was charged
 * (not one of the plan's included leads) on an invoice paid by card through Stripe. The Action
 * Center's dispute rows and the lead page offer the choice by it; refundCreditToCard checks the
 * amount when staff decide.
 */
export const REFUNDABLE_BY_CARD: SQL = sql`exists (
  select 1 from invoice_lines il
  join invoices i on i.id = il.invoice_id and i.status = 'paid'
  join payments p on p.invoice_id = i.id and p.status = 'succeeded' and p.external_id like 'pi\\_%'
  where il.id = l.invoice_line_id and il.tenant_id = l.tenant_id and il.amount_cents > 0)`;
