import { staffCan } from "@pp/core/auth/permissions";
import { getInvoiceDetail, type InvoiceDetail } from "@pp/core/billing/get-invoice-detail";
import { isAppError } from "@pp/core/errors";
import { Badge, StatusBadge, statusLabel } from "@pp/ui/badge";
import { Card } from "@pp/ui/card";
import { formatCents, formatDate, formatDateTime } from "@pp/ui/format";
import { InvoiceIssuerBlock, PaymentInstructions } from "@pp/ui/invoice-issuer";
import { PageHeader } from "@pp/ui/page-header";
import { firstParam, hrefWith, type UrlParams } from "@pp/ui/url";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { permissionFor } from "@/lib/navigation";
import { requireStaff } from "@/lib/session";
import { SendReminderButton } from "./send-reminder-button";
import { WriteOffButton } from "./write-off-button";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<UrlParams> };

// An invoice bills one client's month, but a busy client's runs to hundreds of lead lines: the
// page shows them a hundred at a time (the totals below always cover the whole invoice).
const LINES_PER_PAGE = 100;

function linesPage(params: UrlParams, lineCount: number): { page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(lineCount / LINES_PER_PAGE));
  const asked = Number.parseInt(firstParam(params, "lines") ?? "1", 10);
  return { page: Number.isSafeInteger(asked) ? Math.min(Math.max(asked, 1), pages) : 1, pages };
}

const loadInvoice = cache(async (invoiceId: string): Promise<InvoiceDetail> => {
  try {
    return await getInvoiceDetail({ invoiceId });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requireStaff(permissionFor("/provider/billing"));
  const detail = await loadInvoice((await params).id);
  return { title: `Invoice ${detail.invoice.number}` };
}

export default async function InvoicePage({ params, searchParams }: Props) {
  const staff = await requireStaff(permissionFor("/provider/billing"));
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const { invoice, tenant, lines, payments, reminders, creditsApplied, leadPricingRule, openCreditCents, issuer } =
    await loadInvoice(id);
  const { page, pages } = linesPage(query, lines.length);
  const firstLine = (page - 1) * LINES_PER_PAGE;
  const shownLines = lines.slice(firstLine, firstLine + LINES_PER_PAGE);
  const pathname = `/provider/billing/invoices/${invoice.id}`;
  const money = (cents: number) => formatCents(cents, invoice.currency);
  // Still owed: unpaid (open or uncollectible), not written off, something due.
  const owed =
    (invoice.status === "open" || invoice.status === "uncollectible") &&
    invoice.writtenOffAt === null &&
    invoice.amountDueCents > 0;
  const canWrite = staffCan(staff.role, "billing:write");

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/provider/billing" className="hover:text-brand-700">
            Billing
          </Link>
        }
        title={`Invoice ${invoice.number}`}
        description={
          <>
            <Link href={`/provider/clients/${tenant.id}`} className="font-medium hover:text-brand-700">
              {tenant.name}
            </Link>{" "}
            · period {formatDate(invoice.periodStart)} – {formatDate(invoice.periodEnd)} · due{" "}
            {formatDate(invoice.dueAt)}
          </>
        }
        actions={
          <>
            <StatusBadge status={invoice.status} />
            {invoice.writtenOffAt ? <Badge tone="neutral">Written off {formatDate(invoice.writtenOffAt)}</Badge> : null}
            {owed && canWrite ? <SendReminderButton invoiceId={invoice.id} /> : null}
            {owed && canWrite ? (
              <WriteOffButton invoiceId={invoice.id} amountDue={money(invoice.amountDueCents)} />
            ) : null}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Lines" className="lg:col-span-2">
          <table className="w-full text-sm">
            <caption className="sr-only">Invoice lines</caption>
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th className="py-1.5">Description</th>
                <th className="py-1.5">Kind</th>
                <th className="py-1.5 text-right">Amount</th>
              </tr>
            </thead>
            <tbody>
              {shownLines.map((line) => (
                <tr key={line.id} className="border-t border-line">
                  <td className="py-1.5">
                    {line.leadId ? (
                      <Link href={`/provider/leads/${line.leadId}`} className="hover:text-brand-700">
                        {line.description}
                      </Link>
                    ) : (
                      line.description
                    )}
                    {line.included ? (
                      <Badge tone="success" className="ml-2">
                        Included
                      </Badge>
                    ) : null}
                  </td>
                  <td className="py-1.5">{statusLabel(line.kind)}</td>
                  <td className="py-1.5 text-right tabular-nums">{money(line.amountCents)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot className="text-sm">
              <tr className="border-t border-line">
                <td colSpan={2} className="py-1.5 text-slate-500">
                  Subtotal
                </td>
                <td className="text-right tabular-nums">{money(invoice.subtotalCents)}</td>
              </tr>
              {invoice.discountCents > 0 ? (
                <tr>
                  <td colSpan={2} className="py-1.5 text-slate-500">
                    Discount
                  </td>
                  <td className="text-right tabular-nums">−{money(invoice.discountCents)}</td>
                </tr>
              ) : null}
              {invoice.creditCents > 0 ? (
                <tr>
                  <td colSpan={2} className="py-1.5 text-slate-500">
                    Credit
                  </td>
                  <td className="text-right tabular-nums">−{money(invoice.creditCents)}</td>
                </tr>
              ) : null}
              <tr>
                <td colSpan={2} className="py-1.5 font-medium">
                  Total
                </td>
                <td className="text-right font-medium tabular-nums">{money(invoice.totalCents)}</td>
              </tr>
              <tr>
                <td colSpan={2} className="py-1.5 text-slate-500">
                  Paid
                </td>
                <td className="text-right tabular-nums">{money(invoice.amountPaidCents)}</td>
              </tr>
              <tr>
                <td colSpan={2} className="py-1.5 font-semibold">
                  {invoice.writtenOffAt ? "Written off (no longer owed)" : "Amount due"}
                </td>
                <td className="text-right font-semibold tabular-nums">{money(invoice.amountDueCents)}</td>
              </tr>
            </tfoot>
          </table>
          {pages > 1 ? (
            <nav aria-label="Invoice lines pages" className="mt-3 flex items-center justify-between gap-3 text-xs">
              <p className="text-slate-600">
                Lines {firstLine + 1}–{firstLine + shownLines.length} of {lines.length}
              </p>
              <div className="flex gap-3">
                {page > 1 ? (
                  <Link
                    href={hrefWith(pathname, query, { lines: page === 2 ? null : String(page - 1) })}
                    className="text-brand-700 underline"
                  >
                    Previous {LINES_PER_PAGE}
                  </Link>
                ) : null}
                {page < pages ? (
                  <Link
                    href={hrefWith(pathname, query, { lines: String(page + 1) })}
                    className="text-brand-700 underline"
                  >
                    Next {LINES_PER_PAGE}
                  </Link>
                ) : null}
              </div>
            </nav>
          ) : null}
          {leadPricingRule ? <p className="mt-3 text-xs text-slate-500">Leads: {leadPricingRule}</p> : null}
          <p className="mt-1 text-xs text-slate-500">
            {tenant.name} has {money(openCreditCents)} of credit waiting for its next invoice.
          </p>
        </Card>
        <div className="space-y-6">
          <Card title="Issued by">
            <InvoiceIssuerBlock issuer={issuer} />
            <PaymentInstructions issuer={issuer} />
          </Card>
          <Card title="Payment Retries">
            <dl className="space-y-1 text-sm">
              <div className="flex justify-between">
                <dt className="text-slate-500">Retries so far</dt>
                <dd>{invoice.retryAttempts}</dd>
              </div>
              <div className="flex justify-between">
                <dt className="text-slate-500">Next retry</dt>
                <dd>{invoice.nextRetryAt ? formatDate(invoice.nextRetryAt) : "None scheduled"}</dd>
              </div>
              <div className="flex justify-between">
                <dt className="text-slate-500">Billing contact</dt>
                <dd>{tenant.billingEmail ?? tenant.contactEmail ?? "None — add one"}</dd>
              </div>
            </dl>
          </Card>
          <Card title="Payments">
            {payments.length === 0 ? (
              <p className="text-sm text-slate-500">No payment attempts yet.</p>
            ) : (
              <ul className="space-y-2 text-sm">
                {payments.map((payment) => (
                  <li key={payment.id} className="flex justify-between gap-2">
                    <span>
                      {formatDateTime(payment.attemptedAt)} <StatusBadge status={payment.status} />
                    </span>
                    <span className="text-right">
                      {money(payment.amountCents)}
                      {payment.failureReason ? (
                        <span className="block text-xs text-slate-500">{statusLabel(payment.failureReason)}</span>
                      ) : null}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="Reminders">
            {reminders.length === 0 && !invoice.lastReminderAt ? (
              <p className="text-sm text-slate-500">No reminders sent.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {invoice.lastReminderAt ? (
                  <li className="text-slate-500">Last sent {formatDateTime(invoice.lastReminderAt)}</li>
                ) : null}
                {reminders.map((reminder) => (
                  <li key={reminder.id}>
                    {formatDateTime(reminder.at)} — {reminder.title}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          {creditsApplied.length > 0 ? (
            <Card title="Credits applied">
              <ul className="space-y-1 text-sm">
                {creditsApplied.map((credit) => (
                  <li key={credit.id} className="flex justify-between gap-2">
                    <span>{credit.reason}</span>
                    <span>{money(credit.amountCents)}</span>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
