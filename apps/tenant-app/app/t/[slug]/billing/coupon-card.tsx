import type { UpcomingInvoice } from "@pp/core/billing/get-upcoming-invoice";
import { Card } from "@pp/ui/card";
import { formatCents } from "@pp/ui/format";
import { formatDay } from "@/lib/format";
import { CouponForm } from "./coupon-form";

/**
 * The next invoice as the plan and coupon decide it, and the coupon code form (owners only). Kept
 * in one card so the Billing page only places it.
 */
export function CouponCard({
  slug,
  upcoming,
  canApply,
  zone,
}: {
  slug: string;
  upcoming: UpcomingInvoice | null;
  canApply: boolean;
  zone: string;
}) {
  if (!upcoming) return null;
  const money = (cents: number) => formatCents(cents, upcoming.currency);
  const coupon = upcoming.coupon;
  return (
    <Card
      title="Upcoming invoice"
      description={`Issued ${formatDay(upcoming.issuedAt, zone)}; leads received in the period and open credits are added then.`}
    >
      <table className="w-full text-sm">
        <caption className="sr-only">Plan lines of the upcoming invoice</caption>
        <tbody>
          {upcoming.lines.map((line) => (
            <tr key={`${line.kind}-${line.description}`} className="border-b border-line last:border-0">
              <td className={line.amountCents < 0 ? "py-1.5 text-emerald-700" : "py-1.5"}>{line.description}</td>
              <td
                className={
                  line.amountCents < 0
                    ? "py-1.5 text-right tabular-nums text-emerald-700"
                    : "py-1.5 text-right tabular-nums"
                }
              >
                {line.amountCents < 0 ? `−${money(-line.amountCents)}` : money(line.amountCents)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t border-line">
            <td className="py-1.5 font-semibold">Plan after discount</td>
            <td className="py-1.5 text-right font-semibold tabular-nums">{money(upcoming.subtotalCents)}</td>
          </tr>
        </tfoot>
      </table>
      {coupon ? (
        <p className="mt-3 text-xs text-slate-600">
          Coupon <span className="font-semibold">{coupon.code}</span>:{" "}
          {coupon.invoicesLeft === null
            ? "applies to every invoice."
            : coupon.invoicesLeft === 0
              ? "its discount has ended — you can apply another code."
              : `applies to ${coupon.invoicesLeft === 1 ? "the next invoice" : `the next ${coupon.invoicesLeft} invoices`}.`}
        </p>
      ) : null}
      {canApply ? (
        <CouponForm slug={slug} />
      ) : (
        <p className="mt-3 text-xs text-slate-500">Only an owner of this account can apply a coupon code.</p>
      )}
    </Card>
  );
}
