import { sendInvoiceReminder } from "@pp/core/billing/send-invoice-reminder";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZInvoiceParams } from "./schema";

// POST /api/provider/billing/invoices/[id]/remind – Send Reminder: emails the billing contact, at most once a day (409 after).
export const POST = compose(
  { route: "/api/provider/billing/invoices/[id]/remind" },
  withProviderAuth("billing:write"),
  withIdempotency(),
  withInput({ params: ZInvoiceParams }),
)(async (ctx) =>
  json(await sendInvoiceReminder({ invoiceId: ctx.params.id, actor: ctx.actor, context: auditContextOf(ctx) })),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
