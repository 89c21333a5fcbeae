import { env } from "@pp/env";

export type InvoiceIssuer = {
  name: string;
  address: string | null;
  email: string | null;
  phone: string | null;
  taxId: string | null;
  /** What the client reads under "How to pay": the configured instructions, the reference to quote, whom to ask. */
  paymentInstructions: string[];
};

/** The issuer block and payment instructions of an invoice, from the ISSUER_* configuration. */
export function invoiceIssuer(invoice: { number: string }): InvoiceIssuer {
  const config = env();
  const email = config.ISSUER_EMAIL ?? null;
  return {
    name: config.ISSUER_NAME,
    address: config.ISSUER_ADDRESS ?? null,
    email,
    phone: config.ISSUER_PHONE ?? null,
    taxId: config.ISSUER_TAX_ID ?? null,
    paymentInstructions: [
      config.ISSUER_PAYMENT_INSTRUCTIONS,
      `Quote ${invoice.number} with your payment.`,
      ...(email ? [`Questions about this invoice: ${email}.`] : []),
    ],
  };
}
