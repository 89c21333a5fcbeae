import { writeOffInvoice } from "@pp/core/billing/write-off-invoice";
import { auditContextOf } from "@pp/http/audit-context";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZInvoiceParams, ZWriteOffBody } from "./schema";

// POST /api/provider/billing/invoices/[id]/write-off – Write off: a person stops pursuing an unpaid invoice (audited, with a reason).
export const POST = compose(
  { route: "/api/provider/billing/invoices/[id]/write-off" },
  withProviderAuth("billing:write"),
  withIdempotency(),
  withInput({ params: ZInvoiceParams, body: ZWriteOffBody }),
)(async (ctx) =>
  json(
    await writeOffInvoice({
      invoiceId: ctx.params.id,
      reason: ctx.body.reason,
      actor: ctx.actor,
      context: auditContextOf(ctx),
    }),
  ),
);
