import { payInvoice } from "@pp/core/payments/pay-invoice";
import { auditContextOf } from "@pp/http/audit-context";
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
