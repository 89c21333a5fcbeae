import { getPaymentRetryAnalytics, type RecoveryFigures } from "@pp/core/payments/get-payment-retry-analytics";
import { Card } from "@pp/ui/card";
import { formatCents } from "@pp/ui/format";
import type { ReactNode } from "react";

const MONTH = new Intl.DateTimeFormat("en-US", { month: "short", year: "numeric", timeZone: "UTC" });
const monthLabel = (month: string) => MONTH.format(new Date(`${month}-01T00:00:00Z`));
const percent = (value: number) => `${value.toLocaleString("en-US", { maximumFractionDigits: 1 })} %`;

/** Billing › Payment Retries: what retrying recovered, per month, by attempt and by decline reason (last 6 months). */
export async function RetryAnalytics() {
  const analytics = await getPaymentRetryAnalytics();
  const figureCells = (row: RecoveryFigures) => [
    row.failedInvoices,
    formatCents(row.failedCents),
    row.recoveredInvoices,
    formatCents(row.recoveredCents),
    // A month with no failure has no rate, not a 0 % one.
    row.failedInvoices === 0 ? "—" : percent(row.recoveryRate),
  ];
  const figureHeads = ["Failed", "Failed amount", "Recovered", "Recovered amount", "Recovery rate"];
  return (
    <div className="mb-6 grid gap-6 lg:grid-cols-2">
      <Card
        className="lg:col-span-2"
        title="Recovered by month"
        description="Invoices by the month of their first failed payment, and what was collected afterwards."
        bodyClassName="p-0"
      >
        <SimpleTable
          label="Recovered by month"
          heads={["Month", ...figureHeads]}
          rows={analytics.months.map((row) => [monthLabel(row.month), ...figureCells(row)])}
        />
      </Card>
      <Card
        title="By attempt"
        description="Attempt 1 is the first failure; each later attempt is a retry, and the row says how many it collected."
        bodyClassName="p-0"
      >
        <SimpleTable
          label="Recovered by attempt"
          heads={["Attempt", "Tried", "Recovered", "Recovered amount", "Rate"]}
          rows={analytics.byAttempt.map((row) => [
            row.attempt,
            row.tried,
            row.recovered,
            formatCents(row.recoveredCents),
            percent(row.rate),
          ])}
          empty="No retried payments in the last 6 months."
        />
      </Card>
      <Card title="By decline reason" description="The reason of the first failure." bodyClassName="p-0">
        <SimpleTable
          label="Recovered by decline reason"
          heads={["Reason", "Failed", "Recovered", "Recovered amount", "Rate"]}
          rows={analytics.byReason.map((row) => [
            row.reason.replaceAll("_", " "),
            row.failedInvoices,
            row.recoveredInvoices,
            formatCents(row.recoveredCents),
            percent(row.recoveryRate),
          ])}
          empty="No failed payments in the last 6 months."
        />
      </Card>
    </div>
  );
}

function SimpleTable({
  label,
  heads,
  rows,
  empty,
}: {
  label: string;
  heads: string[];
  rows: ReactNode[][];
  empty?: string;
}) {
  if (rows.length === 0) return <p className="px-5 py-4 text-sm text-slate-500">{empty}</p>;
  return (
    <table className="w-full text-sm" aria-label={label}>
      <thead className="bg-slate-50 text-left text-xs text-slate-500 uppercase">
        <tr>
          {heads.map((head, index) => (
            <th key={head} className={`px-5 py-2 font-medium ${index > 0 ? "text-right" : ""}`}>
              {head}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-line">
        {rows.map((cells) => (
          <tr key={String(cells[0])}>
            {cells.map((cell, index) => (
              <td
                key={heads[index]}
                className={`px-5 py-2 ${index > 0 ? "text-right whitespace-nowrap tabular-nums" : ""}`}
              >
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
