import { writeOffInvoice } from "@pp/core/billing/write-off-invoice";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
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

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
