import { getInvoiceDetail } from "@pp/core/billing/get-invoice-detail";
import { isAppError } from "@pp/core/errors";
import { StatusBadge } from "@pp/ui/badge";
import { InvoiceIssuerBlock, PaymentInstructions } from "@pp/ui/invoice-issuer";
import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDay } from "@/lib/format";
import { requireMember } from "@/lib/session";
import { InvoiceLines } from "../invoice-lines";
import { PrintButton } from "./print-button";

export const metadata: Metadata = { title: "Invoice" };

// /t/[slug]/billing/[invoiceId] – one invoice laid out for printing (the app shell hides itself when printed).
export default async function InvoicePrintPage({ params }: PageProps<"/t/[slug]/billing/[invoiceId]">) {
  const { slug, invoiceId } = await params;
  const { tenant } = await requireMember(slug);
  const detail = await getInvoiceDetail({ invoiceId, tenantId: tenant.id }).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const { invoice, lines } = detail;
  const zone = tenant.timezone;

  return (
    <article className="invoice-print mx-auto max-w-3xl rounded-card border border-line bg-surface p-8 shadow-card print:border-0 print:shadow-none">
      <style>{`@media print {
  body * { visibility: hidden; }
  .invoice-print, .invoice-print * { visibility: visible; }
  .invoice-print { position: absolute; inset: 0; margin: 0; max-width: none; }
  .no-print { display: none !important; }
}`}</style>
      <div className="no-print mb-6 flex items-center justify-between">
        <Link
          href={`/t/${slug}/billing`}
          className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800"
        >
          <ArrowLeft aria-hidden className="size-3.5" />
          Billing
        </Link>
        <PrintButton />
      </div>
      <header className="mb-6 flex items-start justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold text-slate-900">Invoice {invoice.number}</h1>
          <div className="mt-3 grid gap-4 sm:grid-cols-2">
            <div>
              <p className="text-xs font-medium uppercase tracking-wide text-slate-400">From</p>
              <InvoiceIssuerBlock issuer={detail.issuer} />
            </div>
            <div>
              <p className="text-xs font-medium uppercase tracking-wide text-slate-400">Billed to</p>
              <p className="text-sm font-semibold text-slate-900">{detail.tenant.name}</p>
              <p className="text-sm text-slate-600">{detail.tenant.billingEmail ?? detail.tenant.contactEmail ?? ""}</p>
            </div>
          </div>
        </div>
        <div className="text-right text-sm">
          <StatusBadge status={invoice.status} />
          <p className="mt-2 text-slate-500">Issued {formatDay(invoice.issuedAt, zone)}</p>
          <p className="text-slate-500">Due {formatDay(invoice.dueAt, zone)}</p>
          <p className="text-slate-500">
            Period {formatDay(invoice.periodStart, zone)} – {formatDay(invoice.periodEnd, zone)}
          </p>
        </div>
      </header>
      <InvoiceLines invoice={invoice} lines={lines} leadPricingRule={detail.leadPricingRule} />
      <PaymentInstructions issuer={detail.issuer} />
    </article>
  );
}
