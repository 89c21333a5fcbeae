import { db, type Executor } from "@pp/db";
import { activities, invoiceLines, invoices, payments, tenantCredits, tenants } from "@pp/db/schema";
import { and, asc, desc, eq } from "drizzle-orm";
import { AppError } from "../errors";
import { isUuid } from "../parse-input";

export type InvoiceDetail = {
  invoice: typeof invoices.$inferSelect;
  tenant: { id: string; name: string; slug: string; billingEmail: string | null; contactEmail: string | null };
  lines: (typeof invoiceLines.$inferSelect)[];
  payments: (typeof payments.$inferSelect)[];
  /** Reminder emails on the client's timeline for this invoice, newest first. */
  reminders: { id: string; at: Date; title: string }[];
  /** Carried-forward credits this invoice used. */
  creditsApplied: { id: string; amountCents: number; reason: string }[];
};

/**
 * One invoice with its lines, payments, reminders and applied credits. Staff omit `tenantId`;
 * a tenant passes its own, and another tenant's invoice is a 404 like an unknown one.
 */
export async function getInvoiceDetail(
  options: { invoiceId: string; tenantId?: string },
  executor: Executor = db,
): Promise<InvoiceDetail> {
  const notFound = new AppError("not_found", "Invoice not found");
  if (!isUuid(options.invoiceId)) throw notFound;
  const [row] = await executor
    .select({ invoice: invoices, tenant: tenants })
    .from(invoices)
    .innerJoin(tenants, eq(tenants.id, invoices.tenantId))
    .where(
      and(eq(invoices.id, options.invoiceId), options.tenantId ? eq(invoices.tenantId, options.tenantId) : undefined),
    );
  if (!row) throw notFound;
  const { invoice, tenant } = row;
  const scope = (column: typeof invoiceLines.invoiceId | typeof payments.invoiceId) => eq(column, invoice.id);
  const [lines, paid, reminders, creditsApplied] = await Promise.all([
    executor
      .select()
      .from(invoiceLines)
      .where(and(scope(invoiceLines.invoiceId), eq(invoiceLines.tenantId, tenant.id)))
      .orderBy(asc(invoiceLines.createdAt), asc(invoiceLines.id)),
    executor
      .select()
      .from(payments)
      .where(and(scope(payments.invoiceId), eq(payments.tenantId, tenant.id)))
      .orderBy(desc(payments.attemptedAt)),
    executor
      .select({ id: activities.id, at: activities.at, title: activities.title })
      .from(activities)
      .where(
        and(
          eq(activities.tenantId, tenant.id),
          eq(activities.kind, "email"),
          eq(activities.relatedType, "invoice"),
          eq(activities.relatedId, invoice.id),
        ),
      )
      .orderBy(desc(activities.at)),
    executor
      .select({ id: tenantCredits.id, amountCents: tenantCredits.amountCents, reason: tenantCredits.reason })
      .from(tenantCredits)
      .where(and(eq(tenantCredits.tenantId, tenant.id), eq(tenantCredits.appliedInvoiceId, invoice.id))),
  ]);
  return {
    invoice,
    tenant: {
      id: tenant.id,
      name: tenant.name,
      slug: tenant.slug,
      billingEmail: tenant.billingEmail,
      contactEmail: tenant.contactEmail,
    },
    lines,
    payments: paid,
    reminders,
    creditsApplied,
  };
}
