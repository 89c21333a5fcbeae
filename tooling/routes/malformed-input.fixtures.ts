import { randomUUID } from "node:crypto";
import { createApiKey } from "@pp/core/api-keys/create-api-key";
import type { StaffActor } from "@pp/core/auth/actors";
import { createNote } from "@pp/core/notes/create-note";
import { startOnboarding } from "@pp/core/onboarding/start-onboarding";
import { listPlaybooks } from "@pp/core/playbooks/list-playbooks";
import { createCoupon } from "@pp/core/pricing/create-coupon";
import { createPlan } from "@pp/core/pricing/create-plan";
import { saveReportSubscription } from "@pp/core/reports/save-report-subscription";
import { signUnsubscribeToken } from "@pp/core/reports/unsubscribe-token";
import { createTask } from "@pp/core/tasks/create-task";
import { db } from "@pp/db";
import {
  createIncident,
  createLead,
  createMember,
  createOidcConnection,
  createStaffUser,
  createTenant,
  seedTestTenant,
} from "@pp/db/factories";
import { tenantInvitations } from "@pp/db/schema";

/** Real rows of every kind a route names, so a bad value reaches the query it would break. */
export type Seeded = {
  tenantId: string;
  slug: string;
  ownerEmail: string;
  ownerPassword: string;
  staffEmail: string;
  staffPassword: string;
  staffUserId: string;
  otherStaffId: string;
  leadId: string;
  /** Received today: inside the tenant's dispute window. */
  freshLeadId: string;
  disputedLeadId: string;
  disputeId: string;
  invoiceId: string;
  subscriptionId: string;
  incidentId: string;
  oidcConnectionId: string;
  /** A domain the OIDC connection claims (its DNS proof is never published here). */
  oidcDomain: string;
  /** A client with no subscription, so one can be started. */
  bareTenantId: string;
  /** A plan and coupon no archive route touches: the subscription routes need current ones. */
  subscriptionPlanId: string;
  subscriptionCouponId: string;
  planId: string;
  couponId: string;
  apiKey: string;
  /** A second key, so the revoke routes leave the one the public API cases use. */
  revocableApiKeyId: string;
  memberId: string;
  invitationId: string;
  taskId: string;
  noteId: string;
  playbookId: string;
  /** The signed one-click unsubscribe token of another staff member's digest subscription. */
  reportUnsubscribeToken: string;
};

/** Every id in a fixture before seeding: the shape (and so the list of cases) does not depend on them. */
export const SHAPE_ONLY: Seeded = new Proxy({} as Seeded, { get: () => "00000000-0000-4000-8000-000000000000" });

export async function seedMalformedInputWorld(): Promise<Seeded> {
  const seeded = await seedTestTenant(db, { slug: `malformed-${randomUUID().slice(0, 8)}` });
  const staffPassword = "correct-horse-battery";
  const staffEmail = `admin-${randomUUID().slice(0, 8)}@malformed.test`;
  const staff = await createStaffUser(db, { email: staffEmail, role: "admin", password: staffPassword });
  const other = await createStaffUser(db, { role: "support" });
  const actor: StaffActor = {
    kind: "staff",
    userId: staff.user.id,
    email: staffEmail,
    name: "Admin",
    role: "admin",
    sessionId: randomUUID(),
  };
  const suffix = randomUUID().slice(0, 6);
  const plan = await createPlan({
    actor,
    code: `malformed-${suffix}`,
    name: "Malformed",
    priceCents: 4_900,
    interval: "month",
    includedLeads: 10,
    pricePerLeadCents: 2_500,
    apiRateLimitPerMinute: 100,
  });
  const coupon = await createCoupon({
    actor,
    code: `BAD${suffix.toUpperCase()}`,
    name: "Malformed",
    percentOff: 10,
    duration: "once",
  });
  const key = await createApiKey({
    actor,
    tenantId: seeded.tenantId,
    name: "malformed input",
    scopes: ["leads:read", "leads:write", "usage:read"],
  });
  const fresh = await createLead(db, { tenantId: seeded.tenantId, receivedAt: new Date() });
  const revocable = await createApiKey({ actor, tenantId: seeded.tenantId, name: "revocable", scopes: ["leads:read"] });
  const technician = await createMember(db, { tenantId: seeded.tenantId, role: "technician" });
  const [invitation] = await db
    .insert(tenantInvitations)
    .values({
      tenantId: seeded.tenantId,
      email: `invitee-${suffix}@example.test`,
      role: "dispatcher",
      expiresAt: new Date(Date.now() + 86_400_000),
    })
    .returning();
  const incident = await createIncident(db, { tenantId: seeded.tenantId });
  const connection = await createOidcConnection(db, {
    tenantId: seeded.tenantId,
    issuer: "https://idp.malformed.test",
    clientId: "client",
    clientSecret: { ciphertext: "not-used-by-these-routes", keyId: "k1" },
    emailDomains: [`malformed-${suffix}.test`],
  });
  await startOnboarding({ tenantId: seeded.tenantId, actor });
  const task = await createTask({ tenantId: seeded.tenantId, title: "Call about renewal", actor });
  const note = await createNote({ tenantId: seeded.tenantId, body: "Prefers calls after 3pm", actor });
  const [playbook] = await listPlaybooks();
  const bare = await createTenant(db);
  const subscriptionPlan = await createPlan({
    actor,
    code: `malformed-sub-${suffix}`,
    name: "Malformed subscriptions",
    priceCents: 9_900,
    interval: "month",
    includedLeads: 20,
    pricePerLeadCents: 2_500,
    apiRateLimitPerMinute: 100,
  });
  const subscriptionCoupon = await createCoupon({
    actor,
    code: `SUB${suffix.toUpperCase()}`,
    name: "Malformed subscriptions",
    percentOff: 10,
    duration: "once",
  });
  const digest = await saveReportSubscription({
    actor: { ...actor, userId: other.user.id, email: other.user.email, role: "support" },
    input: { cadence: "monthly", dayOfMonth: 1, sendHour: 9, timeZone: "UTC" },
  });
  return {
    reportUnsubscribeToken: signUnsubscribeToken(digest.id),
    taskId: task.id,
    noteId: note.id,
    playbookId: playbook?.id ?? "",
    tenantId: seeded.tenantId,
    slug: seeded.slug,
    ownerEmail: seeded.ownerEmail,
    ownerPassword: seeded.ownerPassword,
    staffEmail,
    staffPassword,
    staffUserId: staff.user.id,
    otherStaffId: other.staff.id,
    leadId: seeded.leadIds[0] ?? "",
    freshLeadId: fresh.id,
    disputedLeadId: seeded.leadIds[3] ?? "",
    disputeId: seeded.disputeId,
    invoiceId: seeded.invoiceId,
    subscriptionId: seeded.subscriptionId,
    incidentId: incident.id,
    oidcConnectionId: connection.id,
    oidcDomain: `malformed-${suffix}.test`,
    bareTenantId: bare.id,
    subscriptionPlanId: subscriptionPlan.id,
    subscriptionCouponId: subscriptionCoupon.id,
    planId: plan.id,
    couponId: coupon.id,
    apiKey: key.key,
    revocableApiKeyId: revocable.id,
    memberId: technician.membership.id,
    invitationId: invitation?.id ?? "",
  };
}

/** What one route is sent: path params, a valid body and/or query, each value of which a case spoils. */
export type Fixture = {
  params?: Record<string, string>;
  body?: unknown;
  query?: Record<string, string>;
  /** Sends no JSON (raw uploads): only params and query are spoiled. */
  rawBody?: boolean;
};

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const instant = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString();

/** `"provider-portal POST /api/…"` → the fixture. Every write route must have one. */
export function fixtures(s: Seeded): Record<string, Fixture> {
  const t = { slug: s.slug };
  return {
    // Provider Portal
    "provider-portal POST /api/auth/[...all]": {
      params: { all: "sign-in/email" },
      body: { email: s.staffEmail, password: "not-the-password" },
    },
    "provider-portal GET /api/auth/[...all]": { params: { all: "get-session" } },
    "provider-portal POST /api/federation/keys/[id]/revoke": { params: { id: s.revocableApiKeyId } },
    "provider-portal GET /api/federation/keys": { query: { tenantId: s.tenantId, status: "active", limit: "10" } },
    "provider-portal POST /api/federation/keys": {
      body: { tenantId: s.tenantId, name: "Key", scopes: ["leads:read"], expiresAt: day(30), rateLimitPerMinute: 60 },
    },
    "provider-portal POST /api/analytics/snapshot": { body: { from: day(-1), to: day(0) } },
    "provider-portal POST /api/federation/oidc/[id]/domains/verify": {
      params: { id: s.oidcConnectionId },
      body: { domain: s.oidcDomain },
    },
    "provider-portal POST /api/federation/oidc/[id]/disable": { params: { id: s.oidcConnectionId } },
    "provider-portal POST /api/federation/oidc/[id]/enable": { params: { id: s.oidcConnectionId } },
    "provider-portal GET /api/federation/oidc/[id]": { params: { id: s.oidcConnectionId } },
    "provider-portal PATCH /api/federation/oidc/[id]": {
      params: { id: s.oidcConnectionId },
      body: { name: "Renamed", clientId: "client-2", defaultRole: "technician" },
    },
    "provider-portal GET /api/federation/oidc/[id]/tests": {
      params: { id: s.oidcConnectionId },
      query: { limit: "5" },
    },
    "provider-portal GET /api/federation/oidc": { query: { audience: s.tenantId, status: "draft" } },
    "provider-portal POST /api/federation/oidc": {
      body: {
        tenantId: s.tenantId,
        name: "IdP",
        issuer: "https://idp.malformed.test",
        clientId: "client",
        clientSecret: "secret-of-length",
        emailDomains: ["example-idp.test"],
      },
    },
    "provider-portal POST /api/federation/oidc/test": { body: { connectionId: s.oidcConnectionId } },
    "provider-portal GET /api/provider/action-center": {
      query: { tenantId: s.tenantId, aging: "3", bucket: "disputesPending", limit: "10" },
    },
    "provider-portal POST /api/provider/action-center/snoozes": {
      body: { bucket: "disputesPending", itemId: s.disputedLeadId, until: instant(2), reason: "Waiting on the client" },
    },
    "provider-portal DELETE /api/provider/action-center/snoozes/[bucket]/[itemId]": {
      params: { bucket: "disputesPending", itemId: s.disputedLeadId },
    },
    "provider-portal GET /api/provider/audit-events/[id]": { params: { id: s.disputeId } },
    "provider-portal GET /api/provider/audit-events/export": {
      query: { actor: "admin", tenantId: s.tenantId, from: day(-30), to: day(0) },
    },
    "provider-portal GET /api/provider/audit-events": {
      query: { actor: "admin", action: "team.", targetType: "lead", targetId: s.leadId, from: day(-30), to: day(0) },
    },
    "provider-portal POST /api/provider/billing/invoices/[id]/remind": { params: { id: s.invoiceId } },
    "provider-portal POST /api/provider/billing/invoices/[id]/write-off": {
      params: { id: s.invoiceId },
      body: { reason: "The client went out of business" },
    },
    "provider-portal GET /api/provider/incidents": {
      query: {
        status: "unresolved",
        severity: "sev3",
        source: "staff",
        tenantId: s.tenantId,
        assigneeId: s.staffUserId,
        sla: "on_track",
        limit: "10",
      },
    },
    "provider-portal GET /api/provider/incidents/[id]": { params: { id: s.incidentId } },
    "provider-portal GET /api/provider/incidents/health": { query: { periodDays: "30", weeks: "8" } },
    "provider-portal POST /api/provider/incidents": {
      body: {
        title: "Lead sync stalled",
        description: "No leads since 09:00",
        severity: "sev3",
        tenantId: s.tenantId,
        assigneeId: s.staffUserId,
        origin: "list",
      },
    },
    "provider-portal POST /api/provider/incidents/[id]/acknowledge": { params: { id: s.incidentId } },
    "provider-portal POST /api/provider/incidents/[id]/assign": {
      params: { id: s.incidentId },
      body: { assigneeId: s.staffUserId },
    },
    "provider-portal POST /api/provider/incidents/[id]/reopen": {
      params: { id: s.incidentId },
      body: { note: "It happened again" },
    },
    "provider-portal POST /api/provider/incidents/[id]/resolve": {
      params: { id: s.incidentId },
      body: { note: "Restarted the sync" },
    },
    "provider-portal POST /api/provider/incidents/[id]/resume": { params: { id: s.incidentId } },
    "provider-portal POST /api/provider/incidents/[id]/updates": {
      params: { id: s.incidentId },
      body: { note: "Looking into it", visibility: "customer" },
    },
    "provider-portal POST /api/provider/incidents/[id]/wait-on-customer": {
      params: { id: s.incidentId },
      body: { note: "Which lead source stopped?" },
    },
    "provider-portal POST /api/provider/incidents/bulk": {
      body: { action: "resolve", ids: [s.incidentId], note: "Fixed upstream" },
    },
    "provider-portal POST /api/provider/incidents/[id]/escalate": {
      params: { id: s.incidentId },
      body: { note: "Customer is down" },
    },
    "provider-portal POST /api/provider/integrations/[tenantId]/[kind]/test": {
      params: { tenantId: s.tenantId, kind: "email" },
      body: { to: "ops@example.test" },
    },
    "provider-portal POST /api/provider/integrations/[tenantId]/quickbooks/authorize": {
      params: { tenantId: s.tenantId },
    },
    "provider-portal GET /api/provider/integrations/quickbooks/callback": {
      query: { code: "abc", state: "state", realmId: "123" },
    },
    "provider-portal POST /api/provider/leads/[id]/dispute": {
      params: { id: s.disputedLeadId },
      body: { decision: "reject", note: "The job was in the service area" },
    },
    "provider-portal POST /api/provider/leads/[id]/reclassify": {
      params: { id: s.leadId },
      body: { category: "water_heater", reason: "It was a water heater job" },
    },
    "provider-portal GET /api/provider/leads": {
      query: { tenantId: s.tenantId, search: "Jordan", category: "repair", from: day(-30), to: day(0), limit: "10" },
    },
    "provider-portal GET /api/provider/onboarding/[tenantId]/logo": { params: { tenantId: s.tenantId } },
    "provider-portal POST /api/provider/onboarding/[tenantId]/logo": {
      params: { tenantId: s.tenantId },
      rawBody: true,
    },
    "provider-portal GET /api/provider/onboarding/[tenantId]": { params: { tenantId: s.tenantId } },
    "provider-portal PUT /api/provider/onboarding/[tenantId]": {
      params: { tenantId: s.tenantId },
      body: { version: 1, steps: { company_details: { action: "save_draft", values: { name: "Acme" } } } },
    },
    "provider-portal POST /api/provider/onboarding/[tenantId]": {
      params: { tenantId: s.tenantId },
      body: { trade: "plumbing" },
    },
    "provider-portal POST /api/provider/pricing/coupons/[id]/archive": { params: { id: s.couponId } },
    "provider-portal PATCH /api/provider/pricing/coupons/[id]": {
      params: { id: s.couponId },
      body: { name: "Renamed", maxRedemptions: 50, expiresAt: instant(60) },
    },
    "provider-portal GET /api/provider/pricing/coupons": { query: { status: "current" } },
    "provider-portal POST /api/provider/pricing/coupons": {
      body: {
        code: "SPRING26",
        name: "Spring",
        amountOffCents: 1_000,
        currency: "USD",
        duration: "repeating",
        durationInMonths: 3,
        maxRedemptions: 100,
        expiresAt: instant(90),
      },
    },
    "provider-portal POST /api/provider/pricing/plans/[id]/archive": { params: { id: s.planId } },
    "provider-portal PATCH /api/provider/pricing/plans/[id]": {
      params: { id: s.planId },
      body: {
        name: "Renamed",
        priceCents: 5_900,
        includedLeads: 20,
        pricePerLeadCents: 3_000,
        apiRateLimitPerMinute: 120,
      },
    },
    "provider-portal GET /api/provider/pricing/plans": { query: { status: "current" } },
    "provider-portal POST /api/provider/pricing/plans": {
      body: {
        code: "growth-2027",
        name: "Growth",
        priceCents: 9_900,
        currency: "USD",
        interval: "month",
        includedLeads: 25,
        pricePerLeadCents: 4_500,
        apiRateLimitPerMinute: 300,
        features: ["Priority support"],
      },
    },
    "provider-portal GET /api/provider/revenue/cohorts": { query: revenueQuery() },
    "provider-portal GET /api/provider/revenue/forecast": { query: revenueQuery() },
    "provider-portal GET /api/provider/revenue/movements": {
      query: { ...revenueQuery(), type: "new", tenantId: s.tenantId, limit: "10" },
    },
    "provider-portal GET /api/provider/revenue/segments": { query: revenueQuery() },
    "provider-portal GET /api/provider/revenue/summary": { query: revenueQuery() },
    "provider-portal GET /api/provider/revenue/waterfall": { query: revenueQuery() },
    "provider-portal POST /api/provider/revenue/acquisition-spend": {
      body: { month: day(-40).slice(0, 7), channel: "web", amountCents: 250_000 },
    },
    "provider-portal POST /api/provider/reliability/alert-subscription": { body: { subscribed: true } },
    "provider-portal PUT /api/provider/reports/subscription": {
      body: { cadence: "weekly", weekday: 1, sendHour: 8, timeZone: "America/Chicago" },
    },
    "provider-portal DELETE /api/provider/reports/subscription": {},
    "provider-portal POST /api/provider/reports/send-now": {},
    // Public: the signed token is the proof (a spoiled one is a 400).
    "provider-portal POST /api/reports/unsubscribe": { query: { token: s.reportUnsubscribeToken } },
    "provider-portal GET /api/provider/search": { query: { q: "Test" } },
    "provider-portal GET /api/provider/tenants/search": { query: { q: "Test", limit: "10" } },
    "provider-portal POST /api/provider/staff/[staffId]/deactivate": { params: { staffId: s.otherStaffId } },
    "provider-portal POST /api/provider/staff/[staffId]/reactivate": { params: { staffId: s.otherStaffId } },
    "provider-portal PATCH /api/provider/staff/[staffId]": {
      params: { staffId: s.otherStaffId },
      body: { role: "viewer" },
    },
    "provider-portal POST /api/provider/staff/invitations": {
      body: { email: "new-staff@malformed.test", name: "New Staff", role: "viewer" },
    },
    "provider-portal GET /api/provider/staff": { query: { search: "admin", status: "active", limit: "10" } },
    "provider-portal POST /api/provider/subscriptions": {
      body: {
        tenantId: s.bareTenantId,
        planId: s.subscriptionPlanId,
        quantity: 2,
        couponId: s.subscriptionCouponId,
        trialDays: 14,
      },
    },
    "provider-portal POST /api/provider/subscriptions/[id]/cancel": {
      params: { id: s.subscriptionId },
      body: { when: "period_end", reasonCode: "too_expensive", note: "Budget cut" },
    },
    "provider-portal POST /api/provider/subscriptions/[id]/change": {
      params: { id: s.subscriptionId },
      body: { planId: s.subscriptionPlanId, quantity: 2, when: "period_end" },
    },
    "provider-portal POST /api/provider/subscriptions/[id]/convert": { params: { id: s.subscriptionId } },
    "provider-portal POST /api/provider/subscriptions/[id]/reactivate": { params: { id: s.subscriptionId } },
    "provider-portal POST /api/provider/subscriptions/[id]/extend": {
      params: { id: s.subscriptionId },
      body: { days: 7, reason: "Goodwill" },
    },
    "provider-portal POST /api/provider/tasks": {
      body: { tenantId: s.tenantId, kind: "ebr", title: "Quarterly review", description: "Agenda", dueAt: instant(14) },
    },
    "provider-portal GET /api/provider/tasks": {
      query: { view: "team", status: "open", ownerId: s.staffUserId, tenantId: s.tenantId, limit: "10" },
    },
    "provider-portal GET /api/provider/tenants/[id]/health": { params: { id: s.tenantId } },
    "provider-portal GET /api/provider/tenants/[id]/notes": { params: { id: s.tenantId }, query: { limit: "10" } },
    "provider-portal GET /api/provider/tenants/[id]/playbooks": { params: { id: s.tenantId } },
    "provider-portal GET /api/provider/tenants/[id]/tasks": {
      params: { id: s.tenantId },
      query: { status: "open", view: "team", limit: "10" },
    },
    "provider-portal GET /api/provider/tenants/[id]/timeline": {
      params: { id: s.tenantId },
      query: { kinds: "task,note", limit: "10" },
    },
    "provider-portal GET /api/provider/tenants/health": {
      query: {
        band: "watch",
        csmUserId: s.staffUserId,
        trade: "plumbing",
        planId: s.planId,
        sort: "drop",
        limit: "10",
      },
    },
    "provider-portal GET /api/provider/tenants/[id]/overview": { params: { id: s.tenantId } },
    "provider-portal PATCH /api/provider/tasks/[id]": {
      params: { id: s.taskId },
      body: { status: "done", ownerId: s.staffUserId, dueAt: instant(3) },
    },
    "provider-portal PUT /api/provider/tasks/playbooks/[playbookId]": {
      params: { playbookId: s.playbookId },
      body: {
        name: "Renewal prep",
        description: "Secure the renewal",
        steps: [{ title: "Call about renewal", dueInDays: 7 }],
      },
    },
    "provider-portal PUT /api/provider/tenants/[id]/csm": {
      params: { id: s.tenantId },
      body: { csmUserId: s.staffUserId },
    },
    "provider-portal POST /api/provider/tenants/[id]/health": { params: { id: s.tenantId } },
    "provider-portal POST /api/provider/tenants/[id]/notes": {
      params: { id: s.tenantId },
      body: { body: "Owner prefers email", pinned: true },
    },
    "provider-portal PATCH /api/provider/tenants/[id]/notes/[noteId]": {
      params: { id: s.tenantId, noteId: s.noteId },
      body: { body: "Owner prefers calls", pinned: false },
    },
    "provider-portal DELETE /api/provider/tenants/[id]/notes/[noteId]": {
      params: { id: s.tenantId, noteId: s.noteId },
    },
    "provider-portal POST /api/provider/tenants/[id]/playbooks": {
      params: { id: s.tenantId },
      body: { playbookId: s.playbookId },
    },
    "provider-portal POST /api/provider/tenants/[id]/tasks": {
      params: { id: s.tenantId },
      body: {
        kind: "call",
        title: "Call about renewal",
        description: "Renewal",
        dueAt: instant(3),
        ownerId: s.staffUserId,
      },
    },
    "tenant-app POST /api/t/[slug]/billing/card": { params: t, body: {} },
    "tenant-app GET /api/t/[slug]/billing/card/return": { params: t, query: { session_id: "cs_test_malformed" } },
    "tenant-app POST /api/t/[slug]/billing/invoices/[invoiceId]/pay": {
      params: { ...t, invoiceId: s.invoiceId },
      body: {},
    },
    "tenant-app POST /api/t/[slug]/nps": {
      params: { slug: s.slug },
      body: { action: "answer", score: 9, comment: "Good leads" },
    },
    "provider-portal GET /api/provider/tenants/[id]/rate-limit/preview": {
      params: { id: s.tenantId },
      query: { limit: "120" },
    },
    "provider-portal GET /api/provider/tenants/[id]/rate-limit": { params: { id: s.tenantId } },
    "provider-portal PUT /api/provider/tenants/[id]/rate-limit": {
      params: { id: s.tenantId },
      body: { requestsPerMinute: 120, reason: "Launch week" },
    },
    "provider-portal GET /api/provider/tenants": { query: { search: "Test", region: "Austin", limit: "10" } },
    "provider-portal GET /api/provider/usage/endpoints": { query: usageQuery(s) },
    "provider-portal GET /api/provider/usage/export": { query: usageQuery(s) },
    "provider-portal POST /api/provider/usage/feature": {
      body: { featureKey: "OpenCommandPalette", metadata: { from: "header" } },
    },
    "provider-portal GET /api/provider/usage/tenants": { query: { ...usageQuery(s), limit: "10" } },
    "provider-portal GET /api/provider/usage/trend": { query: usageQuery(s) },
    // Signed by Stripe, not a session: only a body whose Stripe-Signature verifies is read (see its route test).
    "provider-portal POST /api/webhooks/stripe": { rawBody: true },
    "provider-portal POST /api/sso/begin": { body: { email: "someone@idp.malformed.test", returnTo: "/provider" } },
    "provider-portal GET /api/sso/callback": { query: { code: "abc", state: "state" } },
    "provider-portal POST /api/staff-invitations/accept": {
      body: { token: "no-such-token", name: "New Staff", password: "correct-horse-battery" },
    },

    // Tenant app
    "tenant-app POST /api/auth/[...all]": {
      params: { all: "sign-in/email" },
      body: { email: s.ownerEmail, password: "not-the-password" },
    },
    "tenant-app GET /api/auth/[...all]": { params: { all: "get-session" } },
    "tenant-app POST /api/sso/begin": { body: { email: "someone@idp.malformed.test", slug: s.slug, returnTo: "/" } },
    "tenant-app GET /api/sso/callback": { query: { code: "abc", state: "state" } },
    "tenant-app POST /api/t/[slug]/api-keys/[id]/revoke": { params: { ...t, id: s.revocableApiKeyId } },
    "tenant-app GET /api/t/[slug]/api-keys": { params: t, query: { status: "active", limit: "10" } },
    "tenant-app POST /api/t/[slug]/api-keys": {
      params: t,
      body: { name: "Zapier", scopes: ["leads:read"], expiresAt: instant(30) },
    },
    // No coupon has this code: the fixture's own answer is a 404 naming it, its spoiled keys a 400.
    "tenant-app POST /api/t/[slug]/billing/coupon": { params: t, body: { code: "NO-SUCH-CODE" } },
    "tenant-app POST /api/t/[slug]/leads/[leadId]/dispute": {
      params: { ...t, leadId: s.freshLeadId },
      body: { reasonCode: "duplicate", note: "Same caller as yesterday" },
    },
    "tenant-app GET /api/t/[slug]/leads/[leadId]": { params: { ...t, leadId: s.leadId } },
    "tenant-app POST /api/t/[slug]/leads/[leadId]/move": {
      params: { ...t, leadId: s.freshLeadId },
      body: { to: "won", wonValueCents: 125_000 },
    },
    "tenant-app GET /api/t/[slug]/leads": {
      params: t,
      query: { search: "Jordan", category: "repair", from: day(-30), to: day(0), limit: "10" },
    },
    "tenant-app GET /api/t/[slug]/logo": { params: t },
    "tenant-app POST /api/t/[slug]/logo": { params: t, rawBody: true },
    "tenant-app GET /api/t/[slug]/onboarding": { params: t },
    // Started already by the seed: the fixture's own answer is a 409, its spoiled keys a 400.
    "tenant-app POST /api/t/[slug]/onboarding": { params: t, body: {} },
    "tenant-app PUT /api/t/[slug]/onboarding": {
      params: t,
      body: { version: 1, steps: { company_details: { action: "save_draft", values: { name: "Acme" } } } },
    },
    "tenant-app GET /api/t/[slug]/settings/profile": { params: t },
    "tenant-app PUT /api/t/[slug]/settings/profile": { params: t, body: companyProfile() },
    "tenant-app DELETE /api/t/[slug]/team/invitations/[invitationId]": {
      params: { ...t, invitationId: s.invitationId },
    },
    "tenant-app POST /api/t/[slug]/team/invitations": {
      params: t,
      body: { email: "new-member@malformed.test", role: "technician" },
    },
    "tenant-app PATCH /api/t/[slug]/team/members/[memberId]": {
      params: { ...t, memberId: s.memberId },
      body: { role: "dispatcher" },
    },
    "tenant-app DELETE /api/t/[slug]/team/members/[memberId]": { params: { ...t, memberId: s.memberId } },
    "tenant-app GET /api/t/[slug]/team": { params: t },
    "tenant-app GET /api/t/[slug]/support-requests": { params: t },
    "tenant-app GET /api/t/[slug]/support-requests/[requestId]": { params: { ...t, requestId: s.incidentId } },
    "tenant-app POST /api/t/[slug]/support-requests": {
      params: t,
      body: { subject: "Leads stopped", description: "Nothing since this morning", urgency: "degraded" },
    },
    "tenant-app POST /api/t/[slug]/support-requests/[requestId]/replies": {
      params: { ...t, requestId: s.incidentId },
      body: { note: "Still nothing" },
    },
    "tenant-app POST /api/t/[slug]/usage/feature": {
      params: t,
      body: { featureKey: "OpenCommandPalette", metadata: { from: "header" } },
    },
    "tenant-app POST /api/team-invitations/accept": {
      body: { token: "no-such-token", name: "New Member", password: "correct-horse-battery" },
    },
    "tenant-app GET /api/v1/leads/[id]": { params: { id: s.leadId } },
    "tenant-app PATCH /api/v1/leads/[id]": {
      params: { id: s.leadId },
      body: { status: "contacted", contact: { name: "Jordan Homeowner", phone: "+1 512 555 0100" } },
    },
    "tenant-app GET /api/v1/leads": { query: { category: "repair", since: instant(-30), limit: "10" } },
    "tenant-app POST /api/v1/leads": {
      body: {
        category: "leak_repair",
        source: "web",
        contact: { name: "Pat Homeowner", phone: "+1 512 555 0199", email: "pat@example.test" },
        serviceAddress: { line1: "1 Main St", city: "Austin", state: "TX", zip: "78701" },
        description: "Leaking tap",
        externalId: "form-1",
      },
    },
    "tenant-app GET /api/v1/usage": { query: { from: day(-6), to: day(0) } },
  };
}

/** The last six whole months, as every revenue route takes them. */
function revenueQuery(): Record<string, string> {
  const month = (back: number) => {
    const date = new Date();
    date.setUTCDate(1);
    date.setUTCMonth(date.getUTCMonth() - back);
    return date.toISOString().slice(0, 7);
  };
  return { from: month(6), to: month(0), segment: "trade:plumbing" };
}

function usageQuery(s: Seeded): Record<string, string> {
  return { range: "custom", from: day(-6), to: day(0), tenantId: s.tenantId, route: "/api/v1/leads", method: "GET" };
}

function companyProfile() {
  const hours = { open: "08:00", close: "17:00" };
  return {
    name: "Test Plumbing Co",
    trade: "plumbing",
    timezone: "America/Chicago",
    serviceAreas: ["78701"],
    businessHours: {
      monday: hours,
      tuesday: hours,
      wednesday: hours,
      thursday: hours,
      friday: hours,
      saturday: null,
      sunday: null,
    },
    contactName: "Jordan Owner",
    contactEmail: "owner@example.test",
  };
}
