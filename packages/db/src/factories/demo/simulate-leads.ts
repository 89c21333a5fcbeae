import type { LeadContact, ServiceAddress } from "../../schema";
import { categoriesOf, type LeadCategoryDefinition, type Trade } from "../catalog";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../ids";
import { leadDedupeKey } from "../leads";
import { itemAt, type Random } from "../random";
import type { DemoContext, DemoStaff } from "./context";
import { ATTRIBUTION_CHANNELS, DISPUTE_NOTES, FIRST_NAMES, LAST_NAMES, LEAD_DESCRIPTIONS, STREETS } from "./names";
import type { TenantRisk } from "./risk";
import type { SubscriptionTimeline } from "./simulate-subscription";

export type DemoLead = {
  id: string;
  receivedAt: number;
  category: string;
  priceCents: number;
  source: "web" | "phone" | "import" | "marketplace";
  status: "new" | "contacted" | "qualified" | "won" | "lost";
  contact: LeadContact;
  address: ServiceAddress;
  description: string;
  billingStatus: "billable" | "credited" | "non_billable";
  invoiceLineId: string | null;
  dedupeKey: string;
  periodIndex: number;
};

export type LeadTenant = {
  id: string;
  trade: Trade;
  market: { city: string; state: string; zips: readonly string[] };
  /** Leads a day on a weekday in an average season. */
  dailyLeads: number;
  ownerId: string;
  risk: TenantRisk;
};

const DISPUTE_SHARE = 0.05;
const DUPLICATE_SHARE = 0.03;
const RECLASSIFY_SHARE = 0.02;
const SOURCES = [
  ["web", 45],
  ["phone", 30],
  ["marketplace", 15],
  ["import", 10],
] as const;

/**
 * Daily leads over every period the tenant was live, with disputes (pending only while the
 * period is not invoiced yet; decided before its invoice otherwise), reclassifications and
 * attribution. Approved disputes credit the lead so its invoice leaves it out.
 */
export function simulateLeads(
  context: DemoContext,
  random: Random,
  tenant: LeadTenant,
  timeline: SubscriptionTimeline,
): DemoLead[] {
  const categories = categoriesOf(tenant.trade);
  const categoryWeights = categories.map((category, index) => [category, 5 - index] as const);
  const leads: DemoLead[] = [];
  for (const [periodIndex, period] of timeline.periods.entries()) {
    const until = Math.min(period.end, context.now);
    const invoicedAt = !period.trial && period.end <= context.now ? period.end : null;
    // Whole UTC days; a lead outside the period (before its start, after its end or today) is not received.
    for (let day = Math.floor(period.start / DAY_MS) * DAY_MS; day < until; day += DAY_MS) {
      // A slipping tenant pauses categories and answers fewer leads: intake falls with its activity.
      const activity = 0.35 + 0.65 * tenant.risk.activity(day);
      const expected = tenant.dailyLeads * weekdayFactor(day) * seasonFactor(tenant.trade, day) * activity;
      const count = Math.floor(expected) + (random.chance(expected % 1) ? 1 : 0);
      for (let n = 0; n < count; n++) {
        // Homeowners ask from morning to late evening, US time (about 12:00–04:00 UTC).
        const receivedAt = Math.floor(day + (12 + random.next() * 10 + random.next() * 6) * HOUR_MS);
        if (receivedAt < period.start || receivedAt >= until) continue;
        const previous = leads[leads.length - 1];
        const duplicateOf =
          previous && receivedAt - previous.receivedAt < 30 * DAY_MS && random.chance(DUPLICATE_SHARE)
            ? previous
            : null;
        const category = duplicateOf
          ? (categories.find((candidate) => candidate.code === duplicateOf.category) ?? itemAt(categories, 0))
          : random.weighted(categoryWeights);
        const lead = newLead(context, random, {
          tenant,
          category,
          receivedAt,
          periodIndex,
          duplicateOf,
          trial: period.trial,
        });
        leads.push(lead);
        writeAttribution(context, random, tenant.id, lead);
        if (random.chance(RECLASSIFY_SHARE))
          reclassify(context, random, { tenantId: tenant.id, lead, categories, invoicedAt });
        const disputeShare = DISPUTE_SHARE + 0.25 * tenant.risk.level(receivedAt, "disputes");
        const disputeReason = duplicateOf ? "duplicate" : random.chance(disputeShare) ? pickReason(random) : null;
        if (disputeReason && !period.trial) {
          dispute(context, random, {
            tenant,
            lead,
            reason: disputeReason,
            invoicedAt,
            automatic: duplicateOf !== null,
          });
        }
      }
    }
  }
  return leads;
}

function newLead(
  context: DemoContext,
  random: Random,
  input: {
    tenant: LeadTenant;
    category: LeadCategoryDefinition;
    receivedAt: number;
    periodIndex: number;
    duplicateOf: DemoLead | null;
    trial: boolean;
  },
): DemoLead {
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  const phone = `+1-${random.int(201, 989)}-555-${String(random.int(0, 9999)).padStart(4, "0")}`;
  const contact: LeadContact = input.duplicateOf?.contact ?? {
    name: `${first} ${last}`,
    ...(random.chance(0.9) ? { phone } : {}),
    ...(random.chance(0.6) ? { email: `${first}.${last}${random.int(1, 99)}@example.com`.toLowerCase() } : {}),
  };
  if (!contact.phone && !contact.email) contact.phone = phone;
  const address: ServiceAddress = input.duplicateOf?.address ?? {
    line1: `${random.int(10, 9999)} ${random.pick(STREETS)}`,
    city: input.tenant.market.city,
    state: input.tenant.market.state,
    zip: random.pick(input.tenant.market.zips),
  };
  const price = context.reference.categories.get(`${input.category.trade}:${input.category.code}`)?.priceCents;
  return {
    id: random.uuid7(input.receivedAt),
    receivedAt: input.receivedAt,
    category: input.category.code,
    priceCents: price ?? input.category.priceCents,
    source: random.weighted(SOURCES),
    status: statusByAge(random, context.now - input.receivedAt),
    contact,
    address,
    description: random.pick(LEAD_DESCRIPTIONS[input.tenant.trade]),
    billingStatus: input.trial ? "non_billable" : "billable",
    invoiceLineId: null,
    dedupeKey: leadDedupeKey({ contact, zip: address.zip, category: input.category.code }),
    periodIndex: input.periodIndex,
  };
}

function statusByAge(random: Random, age: number): DemoLead["status"] {
  if (age < 2 * DAY_MS) return random.chance(0.7) ? "new" : "contacted";
  if (age < 14 * DAY_MS) {
    return random.weighted([
      ["new", 15],
      ["contacted", 45],
      ["qualified", 30],
      ["won", 5],
      ["lost", 5],
    ] as const);
  }
  return random.weighted([
    ["contacted", 15],
    ["qualified", 10],
    ["won", 35],
    ["lost", 40],
  ] as const);
}

function weekdayFactor(day: number): number {
  const weekday = new Date(day).getUTCDay();
  return weekday === 0 ? 0.45 : weekday === 6 ? 0.7 : 1.1;
}

/** HVAC peaks in summer and winter, plumbing in winter (frozen pipes), electrical is flat. */
function seasonFactor(trade: Trade, day: number): number {
  const angle = (2 * Math.PI * (new Date(day).getUTCMonth() + 0.5)) / 12;
  if (trade === "hvac") return 0.8 + 0.4 * Math.abs(Math.cos(angle));
  if (trade === "plumbing") return 1 + 0.2 * Math.cos(angle);
  return 1;
}

function pickReason(random: Random) {
  return random.weighted([
    ["outside_service_area", 35],
    ["wrong_job_type", 25],
    ["invalid_contact", 20],
    ["competitor_test", 5],
    ["other", 15],
  ] as const);
}

function writeAttribution(context: DemoContext, random: Random, tenantId: string, lead: DemoLead): void {
  const channels = ATTRIBUTION_CHANNELS[lead.source] ?? [["direct", 1] as const];
  const channel = random.weighted(channels);
  const paid = channel.endsWith("_ads") || channel === "google_lsa";
  context.buffers.attributions.add([
    random.uuid7(lead.receivedAt),
    tenantId,
    lead.id,
    channel,
    paid ? `${lead.category}-${new Date(lead.receivedAt).getUTCFullYear()}` : null,
    paid ? random.int(800, 6_000) : 0,
    new Date(lead.receivedAt),
  ]);
}

/**
 * A decision (or reclassification) always lands before the lead's invoice is issued (or today):
 * one that would come later lands at a random moment between `from` and that limit, not pinned
 * a minute before it.
 */
function beforeInvoice(
  random: Random,
  at: number,
  context: DemoContext,
  invoicedAt: number | null,
  from: number,
): number {
  const limit = (invoicedAt ?? context.now) - MINUTE_MS;
  if (at <= limit) return at;
  return Math.max(from, Math.floor(from + random.next() * (limit - from)));
}

function reclassify(
  context: DemoContext,
  random: Random,
  input: { tenantId: string; lead: DemoLead; categories: LeadCategoryDefinition[]; invoicedAt: number | null },
): void {
  const from = random.pick(input.categories.filter((category) => category.code !== input.lead.category));
  const at = beforeInvoice(
    random,
    input.lead.receivedAt + random.int(1, 48) * HOUR_MS,
    context,
    input.invoicedAt,
    input.lead.receivedAt,
  );
  context.buffers.lead_reclassifications.add([
    random.uuid7(at),
    input.tenantId,
    input.lead.id,
    from.code,
    input.lead.category,
    from.priceCents,
    input.lead.priceCents,
    "Customer described a different job on the first call",
    staffActor(context.staff, "operations"),
    new Date(at),
  ]);
}

function staffActor(staff: DemoStaff, role: "operations" | "support" | "billing"): string {
  return staff[role];
}

function dispute(
  context: DemoContext,
  random: Random,
  input: {
    tenant: LeadTenant;
    lead: DemoLead;
    reason: keyof typeof DISPUTE_NOTES;
    invoicedAt: number | null;
    automatic: boolean;
  },
): void {
  const { lead } = input;
  const raisedAt = beforeInvoice(
    random,
    lead.receivedAt + random.int(1, 72) * HOUR_MS,
    context,
    input.invoicedAt,
    lead.receivedAt,
  );
  // Still waiting only when nobody had to decide yet: recent and not invoiced.
  const pending =
    input.invoicedAt === null && context.now - raisedAt < 6 * DAY_MS && random.chance(0.6) && !input.automatic;
  const approved = input.automatic || (!pending && random.chance(0.45));
  const decidedAt = pending
    ? null
    : beforeInvoice(random, raisedAt + random.int(2, 96) * HOUR_MS, context, input.invoicedAt, raisedAt);
  if (approved && !pending) lead.billingStatus = "credited";
  const status = pending ? "pending" : approved ? "approved" : "rejected";
  context.buffers.lead_disputes.add([
    random.uuid7(raisedAt),
    input.tenant.id,
    lead.id,
    input.reason,
    DISPUTE_NOTES[input.reason] ?? null,
    status,
    input.tenant.ownerId,
    pending || input.automatic ? null : staffActor(context.staff, "support"),
    decidedAt === null ? null : new Date(decidedAt),
    pending ? null : approved ? "Credit issued." : "Lead matched the request; the charge stands.",
    input.automatic ? "duplicate_within_30_days" : null,
    status === "approved" ? lead.priceCents : 0,
    new Date(raisedAt),
    new Date(decidedAt ?? raisedAt),
  ]);
}

/** Writes the leads once their invoice lines are known. */
export function writeLeads(context: DemoContext, tenantId: string, leads: readonly DemoLead[]): void {
  for (const lead of leads) {
    const received = new Date(lead.receivedAt);
    context.buffers.leads.add([
      lead.id,
      tenantId,
      lead.source,
      lead.category,
      lead.status,
      lead.contact,
      lead.address,
      lead.description,
      lead.priceCents,
      lead.billingStatus,
      lead.invoiceLineId,
      lead.dedupeKey,
      null,
      received,
      received,
      received,
    ]);
  }
}
