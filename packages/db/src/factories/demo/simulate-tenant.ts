import { createHash } from "node:crypto";
import type { PlanCode } from "../catalog";
import { REGION_DEFINITIONS, type Trade } from "../catalog";
import { DAY_MS, HOUR_MS, slugify } from "../ids";
import { itemAt, type Random } from "../random";
import { serviceAreasOf } from "../tenancy";
import { type DemoContext, planOf, type TenantProfile } from "./context";
import { COMPANY_PREFIXES, COMPANY_SUFFIXES, FIRST_NAMES, LAST_NAMES, TRADE_WORDS } from "./names";
import { TenantRisk } from "./risk";
import { type PaymentBehavior, simulateInvoices } from "./simulate-invoices";
import { simulateLeads, writeLeads } from "./simulate-leads";
import { simulateSubscription, writeSubscription } from "./simulate-subscription";
import {
  onboardingStatusOf,
  type SuccessTenant,
  writeFeatureUsage,
  writeIncidents,
  writeNps,
  writeOnboarding,
  writeSuccessWork,
} from "./simulate-success";

/** Demo tenants are recognised (and removed on the next run) by this slug prefix. */
export const DEMO_SLUG_PREFIX = "demo-";
/** Demo users' emails end in this top-level domain (`@staff.demo`, `@<slug>.demo`). */
export const DEMO_EMAIL_TLD = ".demo";

const DAILY_LEADS: Record<PlanCode, number> = { basic: 0.9, pro: 2.2, enterprise: 5 };
const API_WEIGHT: Record<PlanCode, number> = { basic: 1, pro: 3, enterprise: 8 };

/**
 * One tenant's whole history, appended to the COPY buffers: organization, team, plan history,
 * leads and disputes, invoices and payments, usage, incidents and success work.
 */
export function simulateTenant(context: DemoContext, random: Random, index: number): TenantProfile {
  const trade = random.weighted(TRADES_IN_DEMO);
  const region = random.pick(REGION_DEFINITIONS);
  const market = random.pick(region.markets);
  const name = `${random.pick(COMPANY_PREFIXES)} ${random.pick(TRADE_WORDS[trade])}${random.pick(COMPANY_SUFFIXES)}`;
  const slug = `${DEMO_SLUG_PREFIX}${String(index + 1).padStart(5, "0")}-${slugify(name)}`
    .slice(0, 63)
    .replace(/-+$/, "");
  // Sign-ups grow over time: the density rises linearly towards today.
  const signedUpAt = Math.floor(context.start + (context.now - context.start) * Math.sqrt(random.next()));
  const orgId = random.uuid7(signedUpAt);
  const tenantId = random.uuid7(signedUpAt);

  const team = writeTeam(context, random, { tenantId, slug, signedUpAt });
  const owner = itemAt(team, 0);
  // The latent risk drives both the churn and the behaviour the health score can see before it.
  const risk = TenantRisk.draw(random.fork("risk"), signedUpAt);
  const timeline = simulateSubscription(context, random.fork("subscription"), { id: tenantId, signedUpAt, risk });
  const behavior: PaymentBehavior = random.weighted([
    ["auto", 72],
    ["manual", 28],
  ] as const);
  const leads = simulateLeads(
    context,
    random.fork("leads"),
    {
      id: tenantId,
      trade,
      market,
      dailyLeads: DAILY_LEADS[timeline.planCode] * random.logNormal(1, 0.35),
      ownerId: owner.id,
      risk,
    },
    timeline,
  );
  const { overdueSince } = simulateInvoices(
    context,
    random.fork("invoices"),
    { id: tenantId, behavior, risk },
    timeline,
    leads,
  );
  writeLeads(context, tenantId, leads);
  const subscriptionStatus = writeSubscription(context, { id: tenantId, signedUpAt }, timeline, overdueSince !== null);
  const status =
    subscriptionStatus === "trialing"
      ? "trial"
      : subscriptionStatus === "canceled" || subscriptionStatus === "expired"
        ? "churned"
        : subscriptionStatus === "past_due"
          ? overdueSince !== null && context.now - overdueSince > 30 * DAY_MS
            ? "suspended"
            : "past_due"
          : "active";

  const csmId = random.pick(context.staff.success);
  // Usage fading now: a decline with a usage cause under way today.
  const lowAdoption = risk.level(context.now - DAY_MS, "usage") > 0;
  const success: SuccessTenant = {
    id: tenantId,
    trade,
    signedUpAt,
    csmId,
    ownerId: owner.id,
    ownerName: owner.name,
    memberIds: team.slice(1).map((member) => member.id),
    activeSpans: timeline.activeSpans,
    onboardingStatus: risk.stalledOnboarding ? "in_progress" : onboardingStatusOf(random, signedUpAt, context.now),
    risk,
    lowAdoption,
    delinquent: overdueSince !== null,
    planCode: timeline.planCode,
    renewalAt: status === "churned" ? null : nextAnniversary(signedUpAt, context.now),
  };
  writeOnboarding(context, random.fork("onboarding"), success);
  writeFeatureUsage(context, random.fork("features"), success);
  writeIncidents(context, random.fork("incidents"), success);
  writeNps(context, random.fork("nps"), success);
  writeSuccessWork(context, random.fork("success"), success);

  const created = new Date(signedUpAt);
  context.buffers.organizations.add([orgId, `${name} LLC`, created, created]);
  context.buffers.tenants.add([
    tenantId,
    orgId,
    name,
    slug,
    status,
    trade,
    serviceAreasOf(market),
    region.name,
    market.timezone,
    planOf(context, timeline.planCode).id,
    csmId,
    success.onboardingStatus,
    owner.name,
    owner.email,
    `+1-555-${String(random.int(100, 999))}-${String(random.int(1000, 9999))}`,
    `billing@${slug}${DEMO_EMAIL_TLD}`,
    random.chance(0.8) ? STANDARD_HOURS : null,
    created,
    new Date(Math.max(signedUpAt, context.now - random.int(0, 30) * DAY_MS)),
  ]);
  return {
    id: tenantId,
    activeSpans: timeline.activeSpans,
    weight: API_WEIGHT[timeline.planCode] * random.logNormal(1, 0.6),
    activity: (at) => risk.activity(at),
    actorIds: team.map((member) => member.id),
    // Only a plan whose limit a small integration can reach: nobody bursts to enterprise's 1,200/min.
    heavy: timeline.planCode !== "enterprise" && random.chance(0.08),
    rateLimitPerMinute: planOf(context, timeline.planCode).apiRateLimitPerMinute,
    apiKeys: writeApiKeys(context, random.fork("api-keys"), { tenantId, slug, signedUpAt, owner }),
    planCode: timeline.planCode,
  };
}

/**
 * The owner creates the integration's key in the first days (audited as the app does); a quarter
 * of tenants add a second one later. Usage generated afterwards calls the public API with them.
 */
function writeApiKeys(
  context: DemoContext,
  random: Random,
  tenant: { tenantId: string; slug: string; signedUpAt: number; owner: TeamMember },
): { id: string; createdAt: number }[] {
  const names = ["Dispatch integration", "Zapier"];
  const keys: { id: string; createdAt: number }[] = [];
  let at = tenant.signedUpAt + random.int(2, 96) * HOUR_MS;
  for (const name of names) {
    if (at >= context.now) break;
    const id = random.uuid7(at);
    const prefix = `pp_live_${random.uuid7(at).replaceAll("-", "").slice(-8)}`;
    const hash = createHash("sha256")
      .update(`${prefix}_${random.uuid7(at)}`)
      .digest("hex");
    const scopes = ["leads:read", "leads:write", "usage:read"];
    const when = new Date(at);
    context.buffers.api_keys.add([
      id,
      tenant.tenantId,
      name,
      prefix,
      hash,
      scopes,
      tenant.owner.id,
      null,
      null,
      null,
      null,
      when,
      when,
    ]);
    context.buffers.audit_events.add([
      random.uuid7(at),
      when,
      "user",
      tenant.owner.id,
      tenant.owner.email,
      tenant.tenantId,
      "api_key.created",
      "api_key",
      id,
      null,
      { tenantId: tenant.tenantId, name, prefix, scopes, expiresAt: null, rateLimitPerMinute: null, status: "active" },
      {},
    ]);
    keys.push({ id, createdAt: at });
    if (!random.chance(0.25)) break;
    at += random.int(30, 400) * DAY_MS;
  }
  return keys;
}

const WEEKDAY = { open: "07:00", close: "18:00" };
const STANDARD_HOURS = {
  mon: WEEKDAY,
  tue: WEEKDAY,
  wed: WEEKDAY,
  thu: WEEKDAY,
  fri: WEEKDAY,
  sat: { open: "08:00", close: "13:00" },
  sun: null,
};

function nextAnniversary(signedUpAt: number, now: number): number {
  let at = signedUpAt + 365 * DAY_MS;
  while (at < now) at += 365 * DAY_MS;
  return at;
}

type TeamMember = { id: string; name: string; email: string };

/** The owner, maybe a dispatcher, and a few technicians, all signing in with the shared demo password. */
function writeTeam(
  context: DemoContext,
  random: Random,
  tenant: { tenantId: string; slug: string; signedUpAt: number },
): TeamMember[] {
  const roles: ("owner" | "dispatcher" | "technician")[] = ["owner"];
  if (random.chance(0.6)) roles.push("dispatcher");
  for (let n = random.int(0, 3); n > 0; n--) roles.push("technician");
  return roles.map((role, position) => {
    const at = tenant.signedUpAt + position * HOUR_MS;
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const member = {
      id: random.uuid7(at),
      name: `${first} ${last}`,
      email:
        `${role === "owner" ? "owner" : `${first}.${last}.${position}`}@${tenant.slug}${DEMO_EMAIL_TLD}`.toLowerCase(),
    };
    const when = new Date(at);
    context.buffers.users.add([member.id, member.name, member.email, true, when, when]);
    context.buffers.accounts.add([
      random.uuid7(at),
      member.id,
      "credential",
      member.id,
      context.passwordHash,
      when,
      when,
    ]);
    context.buffers.memberships.add([random.uuid7(at), tenant.tenantId, member.id, role, when, when]);
    return member;
  });
}

const TRADES_IN_DEMO = [
  ["plumbing", 4],
  ["electrical", 3],
  ["hvac", 3],
] as const satisfies readonly (readonly [Trade, number])[];
