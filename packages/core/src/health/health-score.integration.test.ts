import { db } from "@pp/db";
import {
  createDispute,
  createIncident,
  createInvoice,
  createLead,
  createTenant,
  createUser,
  ensureReferenceData,
  recordFeatureUsage,
} from "@pp/db/factories";
import { apiUsageRollupsDailyTenants, healthScores, npsResponses, tenantOnboarding } from "@pp/db/schema";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getActionCenter } from "../action-center/get-action-center";
import { ensureOnboardingTemplates } from "../onboarding/ensure-onboarding-templates";
import { computeHealthScores } from "./compute-health-scores";
import { getTenantHealth } from "./get-tenant-health";
import { listTenantHealth } from "./list-tenant-health";

const NOW = new Date("2025-06-15T12:00:00Z");
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

beforeAll(async () => {
  await ensureReferenceData(db);
});

async function apiDay(tenantId: string, daysAgo: number, requests: number) {
  const day = new Date(Math.floor(ago(daysAgo).getTime() / DAY) * DAY);
  await db
    .insert(apiUsageRollupsDailyTenants)
    .values({ day, tenantId, requests, errors: 0, rateLimited: 0, publicPeakMinuteRequests: 1 });
}

async function onboarding(tenantId: string, values: Partial<typeof tenantOnboarding.$inferInsert>) {
  const [template] = await ensureOnboardingTemplates(db);
  if (!template) throw new Error("no onboarding template");
  await db.insert(tenantOnboarding).values({ tenantId, templateId: template.id, ...values });
}

async function leads(tenantId: string, count: number, daysAgo: number) {
  const rows = [];
  for (let i = 0; i < count; i += 1) rows.push(await createLead(db, { tenantId, receivedAt: ago(daysAgo) }));
  return rows;
}

async function nps(tenantId: string, scores: number[]) {
  for (const score of scores) {
    const user = await createUser(db);
    await db.insert(npsResponses).values({ tenantId, userId: user.id, score, respondedAt: ago(10) });
  }
}

describe("health score", () => {
  it("a healthy client: every component from its own rows, weighted to 98", async () => {
    const tenant = await createTenant(db);
    await apiDay(tenant.id, 10, 1_000);
    await apiDay(tenant.id, 40, 1_000);
    await recordFeatureUsage(
      db,
      ["LeadDisputed", "ApiKeyCreated", "OnboardingStepCompleted", "ExportCsv"].map((featureKey) => ({
        tenantId: tenant.id,
        app: "tenant" as const,
        featureKey,
        at: ago(5),
      })),
    );
    const recent = await leads(tenant.id, 10, 5);
    await leads(tenant.id, 10, 45);
    const first = recent[0];
    if (!first) throw new Error("no lead");
    await createDispute(db, { leadId: first.id, reasonCode: "wrong_job_type", createdAt: ago(4) });
    await createInvoice(db, {
      tenantId: tenant.id,
      status: "paid",
      issuedAt: ago(20),
      lines: [{ kind: "subscription", description: "Pro", unitAmountCents: 24_900 }],
    });
    await onboarding(tenant.id, { status: "completed", startedAt: ago(100), completedAt: ago(90), goLiveAt: ago(90) });
    await nps(tenant.id, [10, 9]);

    await computeHealthScores({ now: NOW, tenantIds: [tenant.id] });
    const health = await getTenantHealth({ tenantId: tenant.id, now: NOW });
    expect(health.components).toEqual({
      apiUsageTrend: { score: 100, weight: 20, detail: "1,000 API requests in 30 days, up 0% on the 30 days before" },
      featureAdoption: { score: 100, weight: 15, detail: "4 features used in 30 days" },
      leadVolume: { score: 100, weight: 15, detail: "10 leads in 30 days, up 0% on the 30 days before" },
      disputeRate: { score: 75, weight: 10, detail: "1 dispute on 20 leads (5%) in 90 days" },
      paymentState: { score: 100, weight: 5, detail: "nothing overdue, no failed payments" },
      onboarding: { score: 100, weight: 20, detail: "onboarding completed" },
      nps: { score: 100, weight: 10, detail: "NPS 100 from 2 answers" },
      incidents: { score: 100, weight: 5, detail: "no open sev1/sev2 incidents" },
    });
    // (100·20 + 100·15 + 100·15 + 75·10 + 100·5 + 100·20 + 100·10 + 100·5) / 100 = 97.5
    expect(health).toMatchObject({ score: 98, band: "healthy", day: "2025-06-15", previous: null, trend: null });
  });

  it("a client in trouble: usage down, no leads, 40 days overdue, stalled onboarding, a detractor, a sev1 → at risk 24", async () => {
    const tenant = await createTenant(db);
    await apiDay(tenant.id, 10, 300);
    await apiDay(tenant.id, 40, 1_000);
    await recordFeatureUsage(db, [{ tenantId: tenant.id, app: "tenant", featureKey: "LeadDisputed", at: ago(3) }]);
    // A staff-side feature use is not the client's adoption.
    await recordFeatureUsage(db, [{ tenantId: tenant.id, app: "portal", featureKey: "SendReminder", at: ago(3) }]);
    await createInvoice(db, {
      tenantId: tenant.id,
      issuedAt: ago(54),
      dueAt: ago(40),
      lines: [{ kind: "subscription", description: "Pro", unitAmountCents: 29_900 }],
    });
    await onboarding(tenant.id, { status: "in_progress", startedAt: ago(30), lastProgressAt: ago(20) });
    await nps(tenant.id, [3]);
    await createIncident(db, { tenantId: tenant.id, severity: "sev1", openedAt: ago(2) });

    await computeHealthScores({ now: NOW, tenantIds: [tenant.id] });
    const health = await getTenantHealth({ tenantId: tenant.id, now: NOW });
    expect(health.components).toMatchObject({
      apiUsageTrend: { score: 30, detail: "300 API requests in 30 days, down 70% on the 30 days before" },
      featureAdoption: { score: 25, detail: "1 feature used in 30 days" },
      leadVolume: { score: 0, detail: "no leads in 60 days" },
      disputeRate: { score: 100, detail: "no leads to dispute in 90 days" },
      paymentState: { score: 0, detail: "$299.00 overdue, the oldest 40 days" },
      onboarding: { score: 20, detail: "onboarding stalled: no progress in 14 days" },
      nps: { score: 0, detail: "NPS -100 from 1 answer" },
      incidents: { score: 0, detail: "1 open sev1 incident" },
    });
    // (30·20 + 25·15 + 0 + 100·10 + 0 + 20·20 + 0 + 0) / 100 = 23.75
    expect(health).toMatchObject({ score: 24, band: "at_risk" });

    // The Action Center's tenantsAtRisk bucket lists it for its band, with the score as a reason.
    const center = await getActionCenter({
      bucket: "tenantsAtRisk",
      tenantId: tenant.id,
      now: NOW,
      usageDrops: async () => [],
    });
    expect(center.buckets.tenantsAtRisk?.items[0]?.title).toContain("health score 24 (at risk)");
  });

  it("the remaining rules: overdue under 30 days, a failed payment, a sev2, onboarding in progress or not started, no NPS", async () => {
    const overdue = await createTenant(db);
    await apiDay(overdue.id, 5, 50); // none the 30 days before: 100
    await createInvoice(db, {
      tenantId: overdue.id,
      issuedAt: ago(24),
      dueAt: ago(10),
      lines: [{ kind: "subscription", description: "Basic", unitAmountCents: 9_900 }],
    });
    await createIncident(db, { tenantId: overdue.id, severity: "sev2", openedAt: ago(1) });
    await onboarding(overdue.id, { status: "in_progress", startedAt: ago(20), lastProgressAt: ago(3) });
    const failed = await createTenant(db);
    const invoice = await createInvoice(db, {
      tenantId: failed.id,
      status: "paid",
      issuedAt: ago(20),
      lines: [{ kind: "subscription", description: "Basic", unitAmountCents: 9_900 }],
    });
    await db.execute(
      // A failed attempt before the card was replaced.
      sql`insert into payments (tenant_id, invoice_id, status, amount_cents, failure_reason, attempted_at)
          values (${failed.id}, ${invoice.id}, 'failed', 9900, 'card_declined', ${ago(12).toISOString()})`,
    );
    await computeHealthScores({ now: NOW, tenantIds: [overdue.id, failed.id] });
    const a = await getTenantHealth({ tenantId: overdue.id, now: NOW });
    expect(a.components).toMatchObject({
      apiUsageTrend: { score: 100, detail: "50 API requests in 30 days, none the 30 days before" },
      paymentState: { score: 40, detail: "$99.00 overdue (10 days)" },
      incidents: { score: 40, detail: "1 open sev2 incident" },
      onboarding: { score: 60 },
      nps: { score: 50, detail: "no NPS answers in 180 days" },
    });
    const b = await getTenantHealth({ tenantId: failed.id, now: NOW });
    expect(b.components).toMatchObject({
      paymentState: { score: 70, detail: "1 failed payment in 30 days" },
      onboarding: { score: 0, detail: "onboarding not started" },
    });
  });

  it("trend and why it changed: against the score a week before, in words; tiles sort by largest drop", async () => {
    const tenant = await createTenant(db, { trade: "hvac" });
    await createInvoice(db, {
      tenantId: tenant.id,
      issuedAt: ago(50),
      dueAt: ago(36),
      lines: [{ kind: "subscription", description: "Pro", unitAmountCents: 12_000 }],
    });
    const lastWeek = ago(7);
    await db.insert(healthScores).values({
      tenantId: tenant.id,
      day: "2025-06-08",
      score: 60,
      band: "watch",
      components: { paymentState: { score: 100, weight: 5, detail: "nothing overdue, no failed payments" } },
      createdAt: lastWeek,
    });
    await computeHealthScores({ now: NOW, tenantIds: [tenant.id] });
    const health = await getTenantHealth({ tenantId: tenant.id, now: NOW });
    expect(health.previous).toEqual({ score: 60, day: "2025-06-08" });
    expect(health.trend).toBe("down");
    expect(health.changes[0]?.sentence).toBe(
      "Payment state fell from 100 to 0 (−5 points): $120.00 overdue, the oldest 36 days",
    );
    expect(health.history.map((row) => row.day)).toEqual(["2025-06-08", "2025-06-15"]);

    const tiles = await listTenantHealth({ trade: "hvac", sort: "drop", limit: 100 });
    const tile = tiles.data.find((row) => row.tenantId === tenant.id);
    expect(tile).toMatchObject({ previousScore: 60, trend: "down", score: health.score });
    // The costliest component now: no API use at all (20 points) outweighs the overdue invoice (5).
    expect(tile?.topReason).toBe("API usage trend: no API requests in 60 days");
    expect(tiles.data.every((row) => row.trade === "hvac")).toBe(true);
    // Largest drop first.
    const drops = tiles.data.map((row) => (row.previousScore ?? row.score) - row.score);
    expect(drops).toEqual([...drops].sort((a, b) => b - a));
  });

  it("an unknown or malformed client id is not found", async () => {
    await expect(getTenantHealth({ tenantId: "nope" })).rejects.toMatchObject({ code: "not_found" });
    await expect(getTenantHealth({ tenantId: "0195f0a0-0000-7000-8000-000000000001" })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(
      await db.select().from(healthScores).where(eq(healthScores.tenantId, "0195f0a0-0000-7000-8000-000000000001")),
    ).toEqual([]);
  });
});
