import { and, count, eq, gte, inArray, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { leadInvoiceLines } from "../lead-invoice-lines";
import { apiUsage, featureUsage, invoiceLines, leadDisputes, leads, plans, subscriptions } from "../schema";
import { createInvoice, createPayment, createSubscription } from "./billing";
import {
  categoriesOf,
  LEAD_CATEGORY_DEFINITIONS,
  REGION_DEFINITIONS,
  TENANT_FEATURE_KEYS,
  TENANT_ROUTES,
  type Trade,
} from "./catalog";
import { addDays, addMonths, DAY_MS, generatePassword, HOUR_MS, slugify } from "./ids";
import { createDispute, createLead, type Lead } from "./leads";
import { itemAt, Random } from "./random";
import { ensureReferenceData } from "./reference-data";
import { createTenant, findTenantBySlug, serviceAreasOf, tradeName } from "./tenancy";
import { type ApiUsageInput, recordApiUsage, recordFeatureUsage } from "./usage";
import { createMember, createUser, findUserByEmail, setPassword } from "./users";

export type SeedTestTenantOptions = { name?: string; slug?: string; trade?: Trade; now?: Date };

export type SeedTestTenantResult = {
  tenantId: string;
  slug: string;
  created: boolean;
  ownerEmail: string;
  ownerPassword: string;
  leadIds: string[];
  disputeId: string;
  invoiceId: string;
  subscriptionId: string;
  apiUsageRows: number;
  featureUsageRows: number;
};

const SAMPLE_LEAD_COUNT = 5;
const API_USAGE_ROWS = 50;

/**
 * The runbook §9 test tenant: organization → tenant → Basic subscription → owner → 5 leads with
 * one pending dispute → one overdue invoice (billed as the invoice job would: the Basic plan's 25
 * included leads cover the period's 3, so it is the $99.00 plan line) → recent API and feature
 * usage, in one transaction.
 * Idempotent by slug: a re-run keeps every row (returning the same ids) and only resets the
 * owner's password to a new random one, because a stored hash cannot be printed again.
 */
export async function seedTestTenant(
  executor: Executor,
  options: SeedTestTenantOptions = {},
): Promise<SeedTestTenantResult> {
  const trade = options.trade ?? "plumbing";
  const name = options.name ?? `Test ${tradeName(trade)} Co`;
  const slug = options.slug ?? slugify(name);
  const now = options.now ?? new Date();
  return executor.transaction(async (tx) => {
    await ensureReferenceData(tx);
    const existing = await findTenantBySlug(tx, slug);
    const tenant = existing ?? (await createTestTenant(tx, { name, slug, trade }));
    const subscriptionId = await ensureSubscription(tx, tenant.id, now);
    const owner = await ensureOwner(tx, { tenantId: tenant.id, slug, name });
    const sampleLeads = await ensureSampleLeads(tx, { tenantId: tenant.id, trade: tenant.trade, now });
    const disputed = itemAt(sampleLeads, 3);
    const disputeId = await ensurePendingDispute(tx, { lead: disputed, ownerId: owner.userId, now });
    const invoiceId = await ensureOverdueInvoice(tx, {
      tenantId: tenant.id,
      subscriptionId,
      invoicedLeads: sampleLeads.slice(0, 3),
      now,
    });
    const apiUsageRows = await ensureRecentApiUsage(tx, { tenantId: tenant.id, actor: owner.userId, slug, now });
    const featureUsageRows = await ensureRecentFeatureUsage(tx, { tenantId: tenant.id, userId: owner.userId, now });
    return {
      tenantId: tenant.id,
      slug,
      created: existing === undefined,
      ownerEmail: owner.email,
      ownerPassword: owner.password,
      leadIds: sampleLeads.map((lead) => lead.id),
      disputeId,
      invoiceId,
      subscriptionId,
      apiUsageRows,
      featureUsageRows,
    };
  });
}

async function createTestTenant(executor: Executor, input: { name: string; slug: string; trade: Trade }) {
  const region = itemAt(REGION_DEFINITIONS, 3);
  const market = itemAt(region.markets, 0);
  return createTenant(executor, {
    ...input,
    status: "active",
    serviceAreas: serviceAreasOf(market),
    region: region.name,
    timezone: market.timezone,
    // No checklist yet, so "not started": staff (or the owner) start it from the trade template.
    onboardingStatus: "not_started",
    contactName: `${input.name} Owner`,
    contactEmail: ownerEmailOf(input.slug),
    contactPhone: "+1-512-555-0142",
    billingEmail: `billing@${input.slug}.test`,
    businessHours: {
      mon: { open: "07:00", close: "18:00" },
      tue: { open: "07:00", close: "18:00" },
      wed: { open: "07:00", close: "18:00" },
      thu: { open: "07:00", close: "18:00" },
      fri: { open: "07:00", close: "18:00" },
      sat: { open: "08:00", close: "12:00" },
      sun: null,
    },
  });
}

function ownerEmailOf(slug: string): string {
  return `owner@${slug}.test`;
}

/** The current period started 25 days ago, so the previous period's invoice is 11 days overdue. */
function currentPeriodStartOf(now: Date): Date {
  return addDays(now, -25);
}

async function ensureSubscription(executor: Executor, tenantId: string, now: Date): Promise<string> {
  const [existing] = await executor
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(eq(subscriptions.tenantId, tenantId))
    .orderBy(subscriptions.createdAt)
    .limit(1);
  if (existing) return existing.id;
  const periodStart = currentPeriodStartOf(now);
  const subscription = await createSubscription(executor, {
    tenantId,
    planCode: "basic",
    status: "active",
    startedAt: addMonths(periodStart, -2),
    currentPeriodStart: periodStart,
    currentPeriodEnd: addMonths(periodStart, 1),
  });
  return subscription.id;
}

async function ensureOwner(executor: Executor, input: { tenantId: string; slug: string; name: string }) {
  const email = ownerEmailOf(input.slug);
  const password = generatePassword();
  const user =
    (await findUserByEmail(executor, email)) ??
    (await createUser(executor, { email, name: `${input.name} Owner`, emailVerified: true }));
  await setPassword(executor, { userId: user.id, password });
  await createMember(executor, { tenantId: input.tenantId, userId: user.id, role: "owner" });
  return { userId: user.id, email, password };
}

const SAMPLE_CONTACTS = [
  { name: "Maria Lopez", phone: "+1-512-555-0187" },
  { name: "James Carter", phone: "+1-512-555-0114" },
  { name: "Priya Natarajan", email: "priya.natarajan@example.com" },
  { name: "Derek Olson", phone: "+1-512-555-0166" },
  { name: "Alicia Brooks", email: "alicia.brooks@example.com", phone: "+1-512-555-0123" },
] as const;
const SAMPLE_SOURCES = ["web", "phone", "marketplace", "web", "import"] as const;

/** What a homeowner writes in the request form, by job type; pages show these words as they are. */
const SAMPLE_REQUESTS: Record<string, string> = {
  drain_cleaning:
    "Kitchen sink drains very slowly and gurgles; plunging has not helped. Home most weekdays after 3 pm.",
  leak_repair:
    "Water stain spreading on the living-room ceiling under the upstairs bathroom. Would like someone this week.",
  repiping: "1970s house with galvanized pipes and rusty water from the taps. Looking for a quote to repipe.",
  sewer_line: "Basement floor drain backs up whenever the washer runs; a tree sits near the sewer line.",
  water_heater: "40-gallon gas water heater is leaking at the base and we have no hot water. Need a replacement quote.",
  ac_repair: "AC runs but blows warm air upstairs; the outside unit hums and the fan does not spin.",
  duct_cleaning: "Just bought the house and the vents are dusty; want the ducts cleaned before the baby arrives.",
  furnace_install:
    "Furnace is 22 years old and short-cycles. Would like options and prices for a new high-efficiency one.",
  heat_pump: "Interested in replacing our oil boiler with a heat pump; two-story home, about 1,800 sq ft.",
  maintenance: "Looking for a yearly tune-up plan for one furnace and one AC; last serviced two years ago.",
  ev_charger: "Picking up an EV next month and need a Level 2 charger installed in the attached garage.",
  generator: "Power went out for two days last winter. Want a standby generator quote for the whole house.",
  lighting: "Would like six recessed lights in the kitchen on a dimmer; attic access above.",
  panel_upgrade: "Old 100-amp panel with fuses; the insurer asked us to upgrade before renewal.",
  wiring: "Outlets in two bedrooms stopped working and one breaker keeps tripping.",
};
const SAMPLE_STATUSES = ["won", "contacted", "lost", "new", "qualified"] as const;

/** Leads 1–3 fall in the invoiced previous period, 4–5 in the last days (not invoiced yet). */
async function ensureSampleLeads(executor: Executor, input: { tenantId: string; trade: Trade; now: Date }) {
  const externalIds = Array.from({ length: SAMPLE_LEAD_COUNT }, (_, index) => `seed-lead-${index + 1}`);
  const found = await executor
    .select()
    .from(leads)
    .where(and(eq(leads.tenantId, input.tenantId), inArray(leads.externalId, externalIds)));
  const categories = categoriesOf(input.trade);
  const periodStart = currentPeriodStartOf(input.now);
  const result: Lead[] = [];
  for (const [index, externalId] of externalIds.entries()) {
    const existing = found.find((lead) => lead.externalId === externalId);
    if (existing) {
      result.push(existing);
      continue;
    }
    const receivedAt = index < 3 ? addDays(periodStart, -(20 - index * 5)) : addDays(input.now, -(index - 1));
    const market = itemAt(itemAt(REGION_DEFINITIONS, 3).markets, 0);
    result.push(
      await createLead(executor, {
        tenantId: input.tenantId,
        externalId,
        source: itemAt(SAMPLE_SOURCES, index),
        status: itemAt(SAMPLE_STATUSES, index),
        category: itemAt(categories, index % categories.length).code,
        contact: { ...itemAt(SAMPLE_CONTACTS, index) },
        serviceAddress: {
          line1: `${200 + index * 17} Oak St`,
          city: market.city,
          state: market.state,
          zip: itemAt(market.zips, index % market.zips.length),
        },
        description:
          SAMPLE_REQUESTS[itemAt(categories, index % categories.length).code] ??
          "Homeowner asking for a quote; prefers a call in the morning.",
        receivedAt,
        createdAt: receivedAt,
      }),
    );
  }
  return result;
}

async function ensurePendingDispute(executor: Executor, input: { lead: Lead; ownerId: string; now: Date }) {
  const [existing] = await executor
    .select({ id: leadDisputes.id })
    .from(leadDisputes)
    .where(eq(leadDisputes.leadId, input.lead.id));
  if (existing) return existing.id;
  const dispute = await createDispute(executor, {
    leadId: input.lead.id,
    reasonCode: "outside_service_area",
    evidenceNote: "The job address is 40 miles outside our service area.",
    raisedBy: input.ownerId,
    createdAt: addDays(input.now, -1),
  });
  return dispute.id;
}

/** The previous period's invoice: open, due 11 days ago, one failed payment and a retry scheduled. */
async function ensureOverdueInvoice(
  executor: Executor,
  input: { tenantId: string; subscriptionId: string; invoicedLeads: Lead[]; now: Date },
): Promise<string> {
  const invoicedLineIds = input.invoicedLeads.flatMap((lead) => (lead.invoiceLineId ? [lead.invoiceLineId] : []));
  if (invoicedLineIds.length > 0) {
    const [line] = await executor
      .select({ invoiceId: invoiceLines.invoiceId })
      .from(invoiceLines)
      .where(inArray(invoiceLines.id, invoicedLineIds))
      .limit(1);
    if (line) return line.invoiceId;
  }
  const periodEnd = currentPeriodStartOf(input.now);
  const dueAt = addDays(periodEnd, 14);
  // Billed as the invoice job bills it: the plan line, then the period's leads through the same rule
  // (the plan's included leads first, charged 0).
  const [subscribed] = await executor
    .select({ plan: plans, quantity: subscriptions.quantity })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(eq(subscriptions.id, input.subscriptionId));
  if (!subscribed) throw new Error(`subscription ${input.subscriptionId} does not exist`);
  const categories = new Map(LEAD_CATEGORY_DEFINITIONS.map((category) => [category.code, category.name]));
  const leadLines = leadInvoiceLines(
    [...input.invoicedLeads]
      .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.id.localeCompare(b.id))
      .map((lead) => ({ ...lead, categoryName: categories.get(lead.category) ?? lead.category })),
    subscribed.plan.includedLeads,
  );
  const invoice = await createInvoice(executor, {
    tenantId: input.tenantId,
    subscriptionId: input.subscriptionId,
    status: "open",
    periodStart: addMonths(periodEnd, -1),
    periodEnd,
    issuedAt: periodEnd,
    dueAt,
    retryAttempts: 0,
    nextRetryAt: addDays(input.now, 2),
    lastReminderAt: addDays(input.now, -3),
    lines: [
      {
        kind: "subscription",
        description: `${subscribed.plan.name} plan (${subscribed.plan.interval === "year" ? "yearly" : "monthly"})`,
        quantity: subscribed.quantity,
        unitAmountCents: subscribed.plan.priceCents,
      },
      ...leadLines,
    ],
  });
  await createPayment(executor, {
    invoiceId: invoice.id,
    status: "failed",
    failureReason: "card_declined",
    attemptedAt: dueAt,
  });
  return invoice.id;
}

/** 50 tenant-app requests over the last 7 days, unless the tenant already has recent usage. */
async function ensureRecentApiUsage(
  executor: Executor,
  input: { tenantId: string; actor: string; slug: string; now: Date },
): Promise<number> {
  const since = new Date(input.now.getTime() - 7 * DAY_MS);
  const present = await countSince(executor, apiUsage, input.tenantId, since);
  if (present > 0) return present;
  // The runbook's call: partitions from 8 days back, so every row below has its own partition.
  await executor.execute(sql`select ensure_api_usage_partitions(current_date - 8, 9)`);
  const random = new Random(`api-usage:${input.slug}`);
  const rows: ApiUsageInput[] = Array.from({ length: API_USAGE_ROWS }, (_, index) => {
    const route = random.weighted(TENANT_ROUTES.map((candidate) => [candidate, candidate.share] as const));
    return {
      tenantId: input.tenantId,
      actor: input.actor,
      app: "tenant",
      route: route.route,
      method: route.method,
      // Mostly successes; a few 4xx and rate-limited (429) requests for the Usage and Action Center views.
      status: sampleStatus(index, route.method),
      bytes: Math.round(random.logNormal(route.medianBytes, 0.4)),
      durationMs: Math.round(random.logNormal(route.medianMs, 0.5)),
      at: new Date(input.now.getTime() - random.next() * 7 * DAY_MS),
    };
  });
  return recordApiUsage(executor, rows);
}

function sampleStatus(index: number, method: string): number {
  if (index % 25 === 7) return 429;
  if (index % 25 === 13) return 404;
  if (index % 50 === 21) return 400;
  if (index % 50 === 44) return 500;
  return method === "POST" ? 201 : 200;
}

async function ensureRecentFeatureUsage(
  executor: Executor,
  input: { tenantId: string; userId: string; now: Date },
): Promise<number> {
  const since = new Date(input.now.getTime() - 7 * DAY_MS);
  const present = await countSince(executor, featureUsage, input.tenantId, since);
  if (present > 0) return present;
  const rows = TENANT_FEATURE_KEYS.flatMap((featureKey, index) =>
    Array.from({ length: 2 }, (_, day) => ({
      tenantId: input.tenantId,
      userId: input.userId,
      app: "tenant" as const,
      featureKey,
      count: 1 + ((index + day) % 4),
      metadata: { source: "seed:test-tenant" },
      at: new Date(input.now.getTime() - (day * 3 + 1) * DAY_MS + index * HOUR_MS),
    })),
  );
  return recordFeatureUsage(executor, rows);
}

async function countSince(
  executor: Executor,
  table: typeof apiUsage | typeof featureUsage,
  tenantId: string,
  since: Date,
): Promise<number> {
  const [row] = await executor
    .select({ rows: count() })
    .from(table)
    .where(and(eq(table.tenantId, tenantId), gte(table.at, since)));
  return row?.rows ?? 0;
}
