import { and, eq } from "drizzle-orm";
import type { Executor } from "../client";
import { type LeadContact, leadCategories, leadDisputes, leads, plans, type ServiceAddress, tenants } from "../schema";
import { categoriesOf, type Trade } from "./catalog";
import { uniqueSuffix } from "./ids";
import { itemAt } from "./random";

export type Lead = typeof leads.$inferSelect;
export type LeadDispute = typeof leadDisputes.$inferSelect;

/**
 * Same homeowner (phone, else email) + ZIP + job type: leads sharing it are duplicates.
 * The one definition, so seeds, ingestion and automatic dispute approval agree.
 */
export function leadDedupeKey(input: { contact: LeadContact; zip: string; category: string }): string {
  const who = (input.contact.phone ?? input.contact.email ?? "").trim().toLowerCase();
  return `${who}:${input.zip}:${input.category}`;
}

export type LeadInput = Partial<typeof leads.$inferInsert> & { tenantId: string };

/** A lead priced from its trade's category (default: the tenant's trade, its first category). */
export async function createLead(executor: Executor, input: LeadInput): Promise<Lead> {
  const trade = await tradeOf(executor, input.tenantId);
  const categoryCode = input.category ?? itemAt(categoriesOf(trade), 0).code;
  const priceCents = input.priceCents ?? (await categoryPrice(executor, input.tenantId, trade, categoryCode));
  const contact = input.contact ?? { name: "Jordan Homeowner", phone: `+1-512-555-${suffixDigits()}` };
  const serviceAddress: ServiceAddress = input.serviceAddress ?? {
    line1: "100 Congress Ave",
    city: "Austin",
    state: "TX",
    zip: "78701",
  };
  const [lead] = await executor
    .insert(leads)
    .values({
      source: "web",
      description: "Homeowner request",
      ...input,
      category: categoryCode,
      contact,
      serviceAddress,
      priceCents,
      dedupeKey: input.dedupeKey ?? leadDedupeKey({ contact, zip: serviceAddress.zip, category: categoryCode }),
    })
    .returning();
  if (!lead) throw new Error("lead insert returned no row");
  return lead;
}

function suffixDigits(): string {
  return String(Number.parseInt(uniqueSuffix(), 16) % 10_000).padStart(4, "0");
}

async function tradeOf(executor: Executor, tenantId: string): Promise<Trade> {
  const [tenant] = await executor.select({ trade: tenants.trade }).from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) throw new Error(`tenant ${tenantId} does not exist`);
  return tenant.trade;
}

/** The category's own price in the tenant's currency, else the plan's per-lead price (as core's leadPriceCents). */
async function categoryPrice(executor: Executor, tenantId: string, trade: Trade, code: string): Promise<number> {
  const [category] = await executor
    .select({ priceCents: leadCategories.priceCents, currency: leadCategories.currency })
    .from(leadCategories)
    .where(and(eq(leadCategories.trade, trade), eq(leadCategories.code, code)));
  if (!category) throw new Error(`lead category ${trade}:${code} does not exist: run ensureReferenceData first`);
  const [tenant] = await executor
    .select({ currency: tenants.currency, plan: plans })
    .from(tenants)
    .leftJoin(plans, eq(plans.id, tenants.planId))
    .where(eq(tenants.id, tenantId));
  const currency = tenant?.currency ?? "USD";
  if (category.priceCents !== null && category.currency === currency) return category.priceCents;
  return tenant?.plan && tenant.plan.currency === currency ? tenant.plan.pricePerLeadCents : 0;
}

export type DisputeInput = Partial<typeof leadDisputes.$inferInsert> & { leadId: string };

/** A dispute on a lead; pending by default, decided ones get a decision time (the database requires it). */
export async function createDispute(executor: Executor, input: DisputeInput): Promise<LeadDispute> {
  const [lead] = await executor.select().from(leads).where(eq(leads.id, input.leadId)).limit(1);
  if (!lead) throw new Error(`lead ${input.leadId} does not exist`);
  const status = input.status ?? "pending";
  const [dispute] = await executor
    .insert(leadDisputes)
    .values({
      reasonCode: "duplicate",
      evidenceNote: "Same homeowner called twice about the same job.",
      decidedAt: status === "pending" ? null : new Date(),
      creditCents: status === "approved" ? lead.priceCents : 0,
      ...input,
      tenantId: lead.tenantId,
      status,
    })
    .returning();
  if (!dispute) throw new Error("dispute insert returned no row");
  return dispute;
}
