import type { invoiceLines, invoices } from "@pp/db/schema";
import { Badge } from "@pp/ui/badge";
import { formatCents } from "@pp/ui/format";

type Invoice = typeof invoices.$inferSelect;
type Line = typeof invoiceLines.$inferSelect;

/**
 * An invoice's lines and totals, as the tenant reads them on the Billing page and the printable view;
 * leads covered by the plan are marked "Included", and the plan's lead pricing rule is stated below.
 */
export function InvoiceLines({
  invoice,
  lines,
  leadPricingRule,
}: {
  invoice: Invoice;
  lines: readonly Line[];
  leadPricingRule?: string | null;
}) {
  const money = (cents: number) => formatCents(cents, invoice.currency);
  const totals: [string, string, boolean][] = [
    ["Subtotal", money(invoice.subtotalCents), false],
    ...(invoice.discountCents > 0
      ? [["Discount", `−${money(invoice.discountCents)}`, false] as [string, string, boolean]]
      : []),
    ...(invoice.creditCents > 0
      ? [["Credits", `−${money(invoice.creditCents)}`, false] as [string, string, boolean]]
      : []),
    ["Total", money(invoice.totalCents), true],
    ["Paid", money(invoice.amountPaidCents), false],
    ["Amount due", money(invoice.amountDueCents), true],
  ];
  return (
    <>
      <InvoiceTable invoice={invoice} lines={lines} totals={totals} money={money} />
      {leadPricingRule ? <p className="mt-3 text-xs text-slate-500">Leads: {leadPricingRule}</p> : null}
    </>
  );
}

function InvoiceTable({
  invoice,
  lines,
  totals,
  money,
}: {
  invoice: Invoice;
  lines: readonly Line[];
  totals: [string, string, boolean][];
  money: (cents: number) => string;
}) {
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Lines of invoice {invoice.number}</caption>
      <thead className="text-left text-xs text-slate-500">
        <tr>
          <th className="py-1.5 font-medium">Description</th>
          <th className="py-1.5 text-right font-medium">Amount</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.id} className="border-t border-line">
            <td className={line.amountCents < 0 ? "py-1.5 text-emerald-700" : "py-1.5"}>
              {line.description}
              {line.included ? (
                <Badge tone="success" className="ml-2">
                  Included
                </Badge>
              ) : null}
            </td>
            <td
              className={
                line.amountCents < 0
                  ? "py-1.5 text-right tabular-nums text-emerald-700"
                  : "py-1.5 text-right tabular-nums"
              }
            >
              {money(line.amountCents)}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        {totals.map(([label, value, strong]) => (
          <tr key={label} className={label === "Subtotal" ? "border-t border-line" : undefined}>
            <td className={strong ? "py-1 font-semibold" : "py-1 text-slate-500"}>{label}</td>
            <td className={strong ? "py-1 text-right font-semibold tabular-nums" : "py-1 text-right tabular-nums"}>
              {value}
            </td>
          </tr>
        ))}
      </tfoot>
    </table>
  );
}
