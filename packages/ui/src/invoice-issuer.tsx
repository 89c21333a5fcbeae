import type { InvoiceIssuer } from "@pp/core/billing/invoice-issuer";

/** Who issued the invoice (from configuration), as both apps print it at the top of an invoice. */
export function InvoiceIssuerBlock({ issuer }: { issuer: InvoiceIssuer }) {
  return (
    <address className="text-sm not-italic text-slate-600">
      <span className="block font-semibold text-slate-900">{issuer.name}</span>
      {issuer.address ? <span className="block">{issuer.address}</span> : null}
      {issuer.email || issuer.phone ? (
        <span className="block">{[issuer.email, issuer.phone].filter(Boolean).join(" · ")}</span>
      ) : null}
      {issuer.taxId ? <span className="block">Tax ID {issuer.taxId}</span> : null}
    </address>
  );
}

/** "How to pay": the configured instructions and the reference to quote. */
export function PaymentInstructions({ issuer }: { issuer: InvoiceIssuer }) {
  return (
    <section aria-label="How to pay" className="mt-4 rounded-md bg-slate-50 px-4 py-3 text-sm text-slate-700">
      <h2 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">How to pay</h2>
      {issuer.paymentInstructions.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </section>
  );
}
