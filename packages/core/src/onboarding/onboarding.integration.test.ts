import { randomBytes } from "node:crypto";
import { db } from "@pp/db";
import { createMember, createTenant } from "@pp/db/factories";
import {
  auditEvents,
  emailOutbox,
  onboardingTemplates,
  tenantIntegrations,
  tenantInvitations,
  tenants,
} from "@pp/db/schema";
import { resetEnv } from "@pp/env";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { MemberActor } from "../auth/actors";
import { decryptSecret } from "../crypto/encrypt-secret";
import type { AppError } from "../errors";
import { rejection, signedInStaff } from "../staff/testing";
import { ensureOnboardingTemplates } from "./ensure-onboarding-templates";
import { getOnboarding } from "./get-onboarding";
import { getTenantBranding } from "./get-tenant-branding";
import { listOnboardingTenants, ZOnboardingListQuery } from "./list-onboarding-tenants";
import { saveOnboarding } from "./save-onboarding";
import { startOnboarding } from "./start-onboarding";
import { stepSchema } from "./step-schemas";
import { summarizeOnboarding } from "./summarize-onboarding";
import { ONBOARDING_TRADES, type Trade } from "./templates";

beforeAll(() => {
  process.env.ENCRYPTION_KEYS = `v1:${randomBytes(32).toString("base64")}`;
  resetEnv();
});

const HOURS = { open: "08:00", close: "17:00" };
const companyDetails = {
  name: "Flow Right Plumbing",
  trade: "plumbing",
  timezone: "America/Chicago",
  serviceAreas: ["78701", "78702"],
  businessHours: {
    monday: HOURS,
    tuesday: HOURS,
    wednesday: HOURS,
    thursday: HOURS,
    friday: HOURS,
    saturday: null,
    sunday: null,
  },
  contactName: "Fran Flow",
  contactEmail: "fran@flowright.test",
  contactPhone: "(512) 555-0101",
};
const plumbingLicence = {
  licenceNumber: "M-40221",
  licenceState: "tx",
  licenceExpiresOn: "2099-01-31",
  backflowCertificationNumber: "BF-1182",
  backflowCertificationExpiresOn: "2099-06-30",
  insuranceCarrier: "Acme Mutual",
  insurancePolicyNumber: "GL-7781",
  insuranceExpiresOn: "2099-12-31",
};
const REQUIRED_COMPLETE = {
  company_details: companyDetails,
  licence_insurance: plumbingLicence,
  team_invitations: { members: ["dina@flowright.test dispatcher", "tom@flowright.test technician"] },
  pipeline_stages: { stages: ["New", "Quoted", "Booked", "Done"] },
  lead_sources: { web: true, phone: false, imports: false, marketplace: true },
  branding: { primaryColor: "#0F766E" },
  training: { leadsWalkthrough: true, disputesGuide: true, teamGuide: true },
  go_live: { confirmed: true },
} as const;

/** Completes steps, confirming changes to what the factory tenant already set (and invitations). */
function complete(values: Record<string, Record<string, unknown>>) {
  return Object.fromEntries(
    Object.entries(values).map(([key, v]) => [key, { action: "complete" as const, values: v, confirm: true }]),
  );
}

async function started(trade: Trade = "plumbing", createdAt = new Date("2026-01-01T00:00:00Z")) {
  const tenant = await createTenant(db, { trade, onboardingStatus: "not_started", createdAt });
  const { actor } = await signedInStaff("success", { name: "Sue Success" });
  const view = await startOnboarding({ tenantId: tenant.id, actor, now: new Date("2026-01-02T00:00:00Z") });
  return { tenant, actor, view };
}

describe("onboarding templates", () => {
  it("writes one versioned template per trade, idempotently", async () => {
    await ensureOnboardingTemplates();
    const rows = await ensureOnboardingTemplates();
    expect(rows.map((row) => row.trade)).toEqual(["electrical", "hvac", "plumbing"]);
    expect(await db.select().from(onboardingTemplates)).toHaveLength(3);
    for (const row of rows) {
      expect(row.sections.map((section) => section.title)).toEqual([
        "Company Profile",
        "Roles & Permissions",
        "Pipelines & Workflows",
        "Lead Sources",
        "Integrations",
        "Branding",
        "Training & Go-Live",
      ]);
      for (const step of row.sections.flatMap((section) => section.steps)) {
        expect(stepSchema(row.trade, step.key), `${row.trade}/${step.key}`).toBeDefined();
        expect(step.weight).toBeGreaterThan(0);
      }
    }
  });

  it("has trade-specific licence fields that the step schemas enforce", () => {
    for (const trade of ONBOARDING_TRADES) expect(stepSchema(trade, "licence_insurance")).toBeDefined();
    const plumbing = stepSchema("plumbing", "licence_insurance");
    expect(plumbing?.safeParse(plumbingLicence).success).toBe(true);
    const noBackflow = plumbing?.safeParse({ ...plumbingLicence, backflowCertificationNumber: "" });
    expect(noBackflow?.error?.issues[0]?.path).toEqual(["backflowCertificationNumber"]);
    const expired = plumbing?.safeParse({ ...plumbingLicence, insuranceExpiresOn: "2001-01-01" });
    expect(expired?.error?.issues[0]?.message).toMatch(/expired/);
    expect(stepSchema("hvac", "licence_insurance")?.safeParse({ ...plumbingLicence }).success).toBe(false);
    expect(
      stepSchema("electrical", "licence_insurance")?.safeParse({
        ...plumbingLicence,
        licenceClass: "apprentice",
      }).error?.issues[0]?.path,
    ).toEqual(["licenceClass"]);
    expect(stepSchema("plumbing", "branding")?.safeParse({ primaryColor: "teal" }).success).toBe(false);
    expect(stepSchema("plumbing", "team_invitations")?.safeParse({ members: ["x@y.test boss"] }).success).toBe(false);
  });
});

describe("saveOnboarding", () => {
  it("saves a partial draft without validating untouched or draft steps", async () => {
    const { tenant, actor, view } = await started();
    expect(view.onboarding?.version).toBe(1);
    const saved = await saveOnboarding({
      tenantId: tenant.id,
      actor,
      version: 1,
      steps: { company_details: { action: "save_draft", values: { name: "x", contactEmail: "not-an-email" } } },
    });
    const step = saved.onboarding?.sections[0]?.steps[0];
    expect(step?.state).toMatchObject({ status: "draft", values: { name: "x", contactEmail: "not-an-email" } });
    // Form order survives the jsonb round trip (jsonb reorders object keys).
    expect(Object.keys(step?.fields ?? {})).toEqual([
      "name",
      "trade",
      "timezone",
      "serviceAreas",
      "businessHours",
      "contactName",
      "contactEmail",
      "contactPhone",
    ]);
    expect(saved.onboarding?.version).toBe(2);
    expect(saved.onboarding?.readinessScore).toBe(0);
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, "onboarding.step_saved"));
    expect(audit?.metadata).toMatchObject({ step: "company_details", version: 2 });
  });

  it("refuses to complete a step with a bad field, naming it, and changes nothing", async () => {
    const { tenant, actor } = await started();
    const error = await rejection(
      saveOnboarding({
        tenantId: tenant.id,
        actor,
        version: 1,
        steps: complete({ company_details: { ...companyDetails, contactEmail: "nope" } }),
      }),
    );
    expect(error.status).toBe(400);
    expect(error.message).toBe("Company details: Contact email — must be an email address like name@company.com");
    expect(error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "steps.company_details.values.contactEmail" })]),
    );
    const view = await getOnboarding({ tenantId: tenant.id });
    expect(view.onboarding?.version).toBe(1);
    const [row] = await db.select().from(tenants).where(eq(tenants.id, tenant.id));
    expect(row?.name).toBe(tenant.name);
  });

  it("Company Profile writes the tenant; Roles invites the team and queues their emails", async () => {
    const { tenant, actor } = await started();
    const owner = await createMember(db, { tenantId: tenant.id, role: "owner", email: "owner@flowright.test" });
    await saveOnboarding({
      tenantId: tenant.id,
      actor,
      version: 1,
      steps: complete({
        company_details: companyDetails,
        team_invitations: { members: [`${owner.user.email} owner`, "dina@flowright.test, dispatcher"] },
        pipeline_stages: { stages: ["New", "Quoted", "Booked"] },
        lead_sources: { web: true, phone: true, imports: false, marketplace: false },
      }),
    });
    const [row] = await db.select().from(tenants).where(eq(tenants.id, tenant.id));
    expect(row).toMatchObject({
      name: "Flow Right Plumbing",
      timezone: "America/Chicago",
      contactEmail: "fran@flowright.test",
      onboardingStatus: "in_progress",
      pipelineStages: [
        { key: "new", label: "New" },
        { key: "quoted", label: "Quoted" },
        { key: "booked", label: "Booked" },
      ],
      leadIntake: { web: true, phone: true, imports: false, marketplace: false },
    });
    expect(row?.serviceAreas.map((area) => area.zip)).toEqual(["78701", "78702"]);
    expect(row?.businessHours?.monday).toEqual(HOURS);

    const invitations = await db.select().from(tenantInvitations).where(eq(tenantInvitations.tenantId, tenant.id));
    // The existing owner is skipped; only the new dispatcher is invited.
    expect(invitations.map((i) => [i.email, i.role])).toEqual([["dina@flowright.test", "dispatcher"]]);
    const emails = await db.select().from(emailOutbox).where(eq(emailOutbox.tenantId, tenant.id));
    expect(emails.map((e) => [e.to, e.kind])).toEqual([["dina@flowright.test", "team_invitation"]]);
    expect(emails[0]?.subject).toContain("Sue Success");
  });

  it("returns 409 naming the changed steps, who and when, when two saves use the same version", async () => {
    const { tenant, actor } = await started();
    const { actor: other } = await signedInStaff("operations", { name: "Omar Ops" });
    await saveOnboarding({
      tenantId: tenant.id,
      actor: other,
      version: 1,
      steps: complete({ pipeline_stages: { stages: ["New", "Won"] } }),
      now: new Date("2026-01-03T10:00:00Z"),
    });
    const error = await rejection(
      saveOnboarding({
        tenantId: tenant.id,
        actor,
        version: 1,
        steps: { pipeline_stages: { action: "save_draft", values: { stages: ["Mine"] } } },
      }),
    );
    expect(error.status).toBe(409);
    expect(error.code).toBe("conflict");
    expect(error.message).toContain("“Lead pipeline stages” completed by");
    expect(error.message).toContain("Reload to see their changes");
    expect(error.details).toMatchObject({
      readVersion: 1,
      currentVersion: 2,
      changes: [{ step: "pipeline_stages", action: "completed", by: expect.stringContaining("@") }],
    });
    const view = await getOnboarding({ tenantId: tenant.id });
    const stages = view.onboarding?.sections[2]?.steps[0]?.state;
    expect(stages).toMatchObject({ status: "completed", values: { stages: ["New", "Won"] } });
  });

  it("refuses completion while a required step is open, then completes with exact readiness and time-to-live", async () => {
    const { tenant, actor } = await started();
    const { go_live: _goLive, ...allButGoLive } = REQUIRED_COMPLETE;
    const partial = await saveOnboarding({
      tenantId: tenant.id,
      actor,
      version: 1,
      steps: complete(allButGoLive),
    });
    // Required weights: 3+2+2+2+1+1+1+1 = 13; go_live (1) open → 12/13 = 92.
    expect(partial.onboarding?.readinessScore).toBe(92);

    const refused = await rejection(
      saveOnboarding({ tenantId: tenant.id, actor, version: 2, completeOnboarding: true }),
    );
    expect(refused.status).toBe(422);
    expect(refused.message).toContain("Go-live confirmation");

    const goLive = new Date("2026-01-15T06:00:00Z");
    const done = await saveOnboarding({
      tenantId: tenant.id,
      actor,
      version: 2,
      steps: complete({ go_live: { confirmed: true } }),
      completeOnboarding: true,
      now: goLive,
    });
    expect(done.onboarding).toMatchObject({
      status: "completed",
      readinessScore: 100,
      goLiveAt: goLive,
      // 2026-01-01T00:00Z → 2026-01-15T06:00Z = 14 days 6 hours.
      timeToLive: { days: 14, hours: 6, totalHours: 342 },
      openRequiredSteps: [],
    });
    const [row] = await db.select().from(tenants).where(eq(tenants.id, tenant.id));
    expect(row?.onboardingStatus).toBe("completed");
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, "onboarding.completed"));
    expect(audit?.after).toMatchObject({ readinessScore: 100, timeToLive: { days: 14, hours: 6 } });
    expect(await getTenantBranding(tenant.id)).toEqual({ primaryColor: "#0f766e", accentColor: null });

    const now = new Date("2026-01-20T00:00:00Z");
    const completed = await listOnboardingTenants({ ...ZOnboardingListQuery.parse({ status: "completed" }), now });
    const item = completed.data.find((t) => t.tenantId === tenant.id);
    expect(item).toMatchObject({ status: "completed", readinessScore: 100, timeToLiveDays: 14, stalled: false });
    const overview = await summarizeOnboarding({ now });
    expect(overview.timeToLive.find((bucket) => bucket.label === "8–14 days")?.count).toBe(1);
    expect(overview.funnel.find((step) => step.key === "go_live")?.reached).toBe(1);
  });

  it("flags a stalled onboarding after 7 days without progress", async () => {
    const { tenant } = await started();
    const stalled = await listOnboardingTenants({
      ...ZOnboardingListQuery.parse({ status: "stalled" }),
      now: new Date("2026-01-20T00:00:00Z"),
    });
    expect(stalled.data.find((t) => t.tenantId === tenant.id)).toMatchObject({
      stalled: true,
      status: "in_progress",
    });
  });

  it("stores the SMTP password encrypted and never in the checklist or the audit trail", async () => {
    const { tenant, actor } = await started();
    const password = "s3cret-smtp-pa55word";
    const view = await saveOnboarding({
      tenantId: tenant.id,
      actor,
      version: 1,
      steps: complete({
        email_integration: {
          host: "smtp.flowright.test",
          port: 587,
          secure: false,
          username: "mailer",
          password,
          fromAddress: "office@flowright.test",
        },
      }),
    });
    const [integration] = await db.select().from(tenantIntegrations).where(eq(tenantIntegrations.tenantId, tenant.id));
    expect(integration).toMatchObject({ kind: "email", status: "awaiting_authorization", credentialsKeyId: "v1" });
    expect(integration?.config).toEqual({
      host: "smtp.flowright.test",
      port: 587,
      secure: false,
      username: "mailer",
      fromAddress: "office@flowright.test",
    });
    const ciphertext = integration?.credentialsCiphertext ?? "";
    expect(ciphertext).not.toContain(password);
    expect(ciphertext.split(":")).toHaveLength(4);
    expect(JSON.parse(decryptSecret(ciphertext))).toEqual({ password });
    expect(JSON.stringify(view)).not.toContain(password);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenant.id));
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(password);
  });

  it("lets an owner complete their own steps but not staff-only ones", async () => {
    const { tenant } = await started();
    const owner = await createMember(db, { tenantId: tenant.id, role: "owner" });
    const actor: MemberActor = {
      kind: "member",
      userId: owner.user.id,
      email: owner.user.email,
      name: owner.user.name,
      role: "owner",
      tenantId: tenant.id,
      tenantSlug: tenant.slug,
      sessionId: "s",
    };
    const saved = await saveOnboarding({
      tenantId: tenant.id,
      actor,
      version: 1,
      steps: complete({ branding: { primaryColor: "#123abc" } }),
    });
    expect(saved.onboarding?.version).toBe(2);
    const error: AppError = await rejection(
      saveOnboarding({
        tenantId: tenant.id,
        actor,
        version: 2,
        steps: complete({ pipeline_stages: { stages: ["a", "b"] } }),
      }),
    );
    expect(error.status).toBe(403);
  });

  it("refuses to start twice", async () => {
    const { tenant, actor } = await started();
    const error = await rejection(startOnboarding({ tenantId: tenant.id, actor }));
    expect(error.status).toBe(409);
  });
});
