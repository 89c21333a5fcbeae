import { db, type Executor } from "@pp/db";
import { invoices, leadCategories, leadReclassifications, leads, tenants } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { formatCents, formatUtcDate } from "../billing/billing-dates";
import { describeReclassifyBilling } from "../billing/describe-lead-billing";
import { type SettledPriceChange, settleLeadPriceChange } from "../billing/settle-lead-price-change";
import { AppError } from "../errors";
import { isUuid, parseInput } from "../parse-input";
import { resolveLeadPrice } from "../pricing/resolve-lead-price";
import { recordFeatureUse } from "../usage/record-feature-use";

export const ZReclassifyLead = z.object({
  category: z.string().trim().min(1, "choose a category").max(100),
  reason: z.string().trim().min(1, "say why the lead is reclassified").max(2_000, "must be at most 2,000 characters"),
});
export type TReclassifyLead = z.input<typeof ZReclassifyLead>;

export type ReclassifyLeadOptions = TReclassifyLead & {
  leadId: string;
  actor: StaffActor;
  now?: Date;
  context?: AuditContext;
};

export type ReclassifiedLead = {
  leadId: string;
  reclassificationId: string;
  fromCategory: string;
  toCategory: string;
  fromCategoryName: string;
  toCategoryName: string;
  fromPriceCents: number;
  toPriceCents: number;
  currency: string;
  /** How billing absorbed the change; null for a credited or non-billable lead (nothing to bill). */
  billing: SettledPriceChange | null;
  /** The lead's invoice, when it has one. */
  invoiceNumber: string | null;
  /** "Reclassified to Water heater ($65.00) — +$30.00 adjustment on invoice INV-…": what staff are told. */
  summary: string;
};

/**
 * Reclassify Lead: moves a lead to another category of its tenant's trade and to that category's
 * price. Billing follows the dispute rules: not invoiced → the next invoice bills the new price; on an
 * unpaid invoice → an adjustment line (+/−); on a paid invoice → a lower price becomes a tenant
 * credit, a higher price is not charged after the fact (we never re-bill a paid invoice).
 */
export async function reclassifyLead(
  options: ReclassifyLeadOptions,
  executor: Executor = db,
): Promise<ReclassifiedLead> {
  const { leadId, actor } = options;
  const { category, reason } = parseInput(ZReclassifyLead, { category: options.category, reason: options.reason });
  const now = options.now ?? new Date();
  if (!isUuid(leadId)) throw new AppError("not_found", "Lead not found");
  return executor.transaction(async (tx) => {
    const [row] = await tx
      .select({ lead: leads, trade: tenants.trade, currency: tenants.currency })
      .from(leads)
      .innerJoin(tenants, eq(tenants.id, leads.tenantId))
      .where(eq(leads.id, leadId))
      .for("update", { of: leads });
    if (!row) throw new AppError("not_found", "Lead not found");
    const { lead, trade, currency } = row;
    const tenantId = lead.tenantId;
    const [target] = await tx
      .select()
      .from(leadCategories)
      .where(and(eq(leadCategories.trade, trade), eq(leadCategories.code, category)));
    if (!target) {
      throw new AppError("validation_failed", `"${category}" is not a ${trade} lead category`, {
        details: [{ path: "category", message: `must be one of the ${trade} categories` }],
      });
    }
    if (target.code === lead.category) {
      throw new AppError("unprocessable", `This lead is already in ${target.name}`, {
        details: [{ path: "category", message: "is the current category" }],
      });
    }

    const [from] = await tx
      .select({ name: leadCategories.name })
      .from(leadCategories)
      .where(and(eq(leadCategories.trade, trade), eq(leadCategories.code, lead.category)));
    const fromName = from?.name ?? lead.category;

    // The new category's price (or the plan's per-lead price when it has none), settled against what
    // was actually billed for the lead — never against its previous list price.
    const { priceCents: toPriceCents } = await resolveLeadPrice(tx, { tenantId, categoryCode: target.code });
    const billing =
      lead.billingStatus === "billable"
        ? await settleLeadPriceChange(
            {
              tenantId,
              lead,
              targetCents: toPriceCents,
              kind: "adjustment",
              // Names the lead, so the line reads on its own among the invoice's other lines.
              description: `Adjustment: ${fromName} lead from ${lead.contact.name} (received ${formatUtcDate(lead.receivedAt)}) reclassified to ${target.name}`,
              now,
            },
            tx,
          )
        : null;
    await tx
      .update(leads)
      .set({ category: target.code, priceCents: toPriceCents, updatedAt: now })
      .where(and(eq(leads.id, leadId), eq(leads.tenantId, tenantId)));
    const [history] = await tx
      .insert(leadReclassifications)
      .values({
        tenantId,
        leadId,
        fromCategory: lead.category,
        toCategory: target.code,
        fromPriceCents: lead.priceCents,
        toPriceCents,
        reason,
        actorId: actor.userId,
        createdAt: now,
      })
      .returning({ id: leadReclassifications.id });
    if (!history) throw new Error("lead_reclassifications insert returned no row");

    await recordAuditEvent(
      {
        actor,
        action: "lead.reclassified",
        tenantId,
        target: { type: "lead", id: leadId },
        before: { category: lead.category, priceCents: lead.priceCents },
        after: {
          category: target.code,
          priceCents: toPriceCents,
          reason,
          billingState: billing?.state ?? null,
          creditedCents: billing?.creditedCents ?? 0,
        },
        context: options.context,
      },
      tx,
    );
    await recordFeatureUse(
      { tenantId, userId: actor.userId, app: "portal", featureKey: "ReclassifyLead", metadata: { leadId }, at: now },
      tx,
    );
    const [invoice] = billing?.invoiceId
      ? await tx
          .select({ number: invoices.number })
          .from(invoices)
          .where(and(eq(invoices.id, billing.invoiceId), eq(invoices.tenantId, tenantId)))
      : [];
    const invoiceNumber = invoice?.number ?? null;
    const effect = describeReclassifyBilling({ billing, toPriceCents, currency, invoiceNumber });
    return {
      leadId,
      reclassificationId: history.id,
      fromCategory: lead.category,
      toCategory: target.code,
      fromCategoryName: fromName,
      toCategoryName: target.name,
      fromPriceCents: lead.priceCents,
      toPriceCents,
      currency,
      billing,
      invoiceNumber,
      summary: `Reclassified to ${target.name} (${formatCents(toPriceCents, currency)}) — ${effect}`,
    };
  });
}
