import { payInvoice } from "@pp/core/payments/pay-invoice";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withInput, withTenantAuth } from "@/lib/kit";
import { ZPayInvoiceBody, ZPayInvoiceParams } from "./schema";

// POST /api/t/[slug]/billing/invoices/[invoiceId]/pay – "Pay now": the owner charges an open invoice to the saved card.
export const POST = compose(
  { route: "/api/t/[slug]/billing/invoices/[invoiceId]/pay" },
  withTenantAuth({ role: "owner" }),
  withIdempotency(),
  withInput({ params: ZPayInvoiceParams, body: ZPayInvoiceBody }),
)(async (ctx) =>
  json(
    await payInvoice({
      tenantId: ctx.tenantId,
      invoiceId: ctx.params.invoiceId,
      actor: ctx.actor,
      context: auditContextOf(ctx),
    }),
  ),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
