import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { db } from "@pp/db";
import { createMember, createTenant } from "@pp/db/factories";
import { emailOutbox, featureUsage, tenantIntegrations, tenantInvitations, tenants } from "@pp/db/schema";
import { resetEnv } from "@pp/env";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encryptSecret } from "../crypto/encrypt-secret";
import { rejection, signedInStaff } from "../staff/testing";
import { getOnboarding, type OnboardingView } from "./get-onboarding";
import { saveOnboarding } from "./save-onboarding";
import { startOnboarding } from "./start-onboarding";

let calendar: Server;
let icsUrl = "";
beforeAll(async () => {
  process.env.ENCRYPTION_KEYS = `v1:${randomBytes(32).toString("base64")}`;
  resetEnv();
  // A local stand-in for the tenant's calendar provider (the calendar step fetches the feed).
  calendar = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/calendar" });
    response.end("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n");
  });
  await new Promise<void>((resolve) => calendar.listen(0, "127.0.0.1", resolve));
  icsUrl = `http://127.0.0.1:${(calendar.address() as AddressInfo).port}/office.ics`;
});
afterAll(() => new Promise<void>((resolve) => calendar.close(() => resolve())));

let ownerCount = 0;
const SEVEN_TO_SIX = { open: "07:00", close: "18:00" };

/** A tenant that set everything before onboarding: the seeded test tenant's profile and more. */
async function tenantWithSavedProfile() {
  const tenant = await createTenant(db, {
    name: "Lone Star Plumbing",
    onboardingStatus: "not_started",
    timezone: "America/Chicago",
    serviceAreas: [
      { zip: "78701", city: "Austin", state: "TX", radiusMiles: 15 },
      { zip: "78702", city: "Austin", state: "TX", radiusMiles: 15 },
    ],
    // Short weekday keys, as older rows have them.
    businessHours: {
      mon: SEVEN_TO_SIX,
      tue: SEVEN_TO_SIX,
      wed: SEVEN_TO_SIX,
      thu: SEVEN_TO_SIX,
      fri: SEVEN_TO_SIX,
      sat: { open: "08:00", close: "12:00" },
      sun: null,
    },
    contactName: "Lana Star",
    contactEmail: "lana@lonestar.test",
    contactPhone: "+1-512-555-0142",
    billingEmail: "billing@lonestar.test",
    pipelineStages: [
      { key: "new", label: "New" },
      { key: "quoted", label: "Quoted" },
      { key: "won", label: "Won" },
    ],
    leadIntake: { web: true, phone: false, imports: true, marketplace: false },
  });
  const secret = encryptSecret(JSON.stringify({ password: "smtp-pass" }));
  const qbSecret = encryptSecret(JSON.stringify({ clientSecret: "qb-secret" }));
  await db.insert(tenantIntegrations).values([
    {
      tenantId: tenant.id,
      kind: "email",
      status: "connected",
      config: {
        host: "smtp.lonestar.test",
        port: 587,
        secure: false,
        username: "mailer",
        fromAddress: "office@lonestar.test",
      },
      credentialsCiphertext: secret.ciphertext,
      credentialsKeyId: secret.keyId,
    },
    { tenantId: tenant.id, kind: "calendar", status: "connected", config: { icsUrl } },
    {
      tenantId: tenant.id,
      kind: "quickbooks",
      status: "connected",
      config: { clientId: "qb-client", environment: "production", realmId: "9130" },
      credentialsCiphertext: qbSecret.ciphertext,
      credentialsKeyId: qbSecret.keyId,
    },
  ]);
  ownerCount += 1;
  const owner = await createMember(db, {
    tenantId: tenant.id,
    role: "owner",
    email: `lana${ownerCount}@lonestar.test`,
  });
  const { actor } = await signedInStaff("success", { name: "Sue Success" });
  const view = await startOnboarding({ tenantId: tenant.id, actor });
  return { tenant, owner, actor, view };
}

async function snapshot(tenantId: string) {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
  const integrations = await db
    .select({
      kind: tenantIntegrations.kind,
      status: tenantIntegrations.status,
      config: tenantIntegrations.config,
      credentials: tenantIntegrations.credentialsCiphertext,
    })
    .from(tenantIntegrations)
    .where(eq(tenantIntegrations.tenantId, tenantId))
    .orderBy(tenantIntegrations.kind);
  return { tenant, integrations };
}

function stepOf(view: OnboardingView, key: string) {
  const step = view.onboarding?.sections.flatMap((section) => section.steps).find((s) => s.key === key);
  if (!step) throw new Error(`no step ${key}`);
  return step;
}

/** What a person adds to steps the tenant had nothing saved for (they write no tenant field). */
const TYPED: Record<string, Record<string, unknown>> = {
  licence_insurance: {
    licenceNumber: "M-40221",
    licenceState: "Texas",
    licenceExpiresOn: "2099-01-31",
    backflowCertificationNumber: "BF-1182",
    backflowCertificationExpiresOn: "2099-06-30",
    insuranceCarrier: "Acme Mutual",
    insurancePolicyNumber: "GL-7781",
    insuranceExpiresOn: "2099-12-31",
  },
  training: { leadsWalkthrough: true, disputesGuide: true, teamGuide: true },
  go_live: { confirmed: true },
};

describe("onboarding never overwrites what a tenant already set", () => {
  it("opens every step pre-filled with the tenant's saved values", async () => {
    const { view } = await tenantWithSavedProfile();
    expect(stepOf(view, "company_details").values).toEqual({
      name: "Lone Star Plumbing",
      trade: "plumbing",
      timezone: "America/Chicago",
      serviceAreas: ["78701", "78702"],
      businessHours: {
        monday: SEVEN_TO_SIX,
        tuesday: SEVEN_TO_SIX,
        wednesday: SEVEN_TO_SIX,
        thursday: SEVEN_TO_SIX,
        friday: SEVEN_TO_SIX,
        saturday: { open: "08:00", close: "12:00" },
        sunday: null,
      },
      contactName: "Lana Star",
      contactEmail: "lana@lonestar.test",
      contactPhone: "+1-512-555-0142",
    });
    expect(stepOf(view, "company_details").prefilled).toContain("timezone");
    expect(stepOf(view, "pipeline_stages").values).toEqual({ stages: ["New", "Quoted", "Won"] });
    expect(stepOf(view, "lead_sources").values).toEqual({ web: true, phone: false, imports: true, marketplace: false });
    expect(stepOf(view, "email_integration").values).toEqual({
      host: "smtp.lonestar.test",
      port: 587,
      secure: false,
      username: "mailer",
      fromAddress: "office@lonestar.test",
    });
    expect(stepOf(view, "calendar_integration").values).toEqual({ icsUrl });
    expect(stepOf(view, "quickbooks_integration").values).toEqual({ clientId: "qb-client", environment: "production" });
    // Template defaults only where the tenant has nothing: the brand colour.
    expect(stepOf(view, "branding").values).toEqual({ primaryColor: "#2563eb" });
  });

  it("completing every step unchanged changes no tenant field, integration or secret", async () => {
    const { tenant, actor, view, owner } = await tenantWithSavedProfile();
    const typed: Record<string, Record<string, unknown>> = {
      ...TYPED,
      team_invitations: { members: `Lana Star <${owner.user.email}> - Owner` },
    };
    const before = await snapshot(tenant.id);
    let current = view;
    for (const step of current.onboarding?.sections.flatMap((section) => section.steps) ?? []) {
      current = await saveOnboarding({
        tenantId: tenant.id,
        actor,
        version: current.onboarding?.version ?? 0,
        steps: { [step.key]: { action: "complete", values: { ...step.values, ...typed[step.key] } } },
      });
      expect(stepOf(current, step.key).state.status, step.key).toBe("completed");
    }
    expect(current.onboarding?.readinessScore).toBe(100);
    expect(await snapshot(tenant.id)).toEqual(before);
    expect(await db.select().from(tenantInvitations).where(eq(tenantInvitations.tenantId, tenant.id))).toEqual([]);
  });

  it("a changed value is not applied until confirmed, and the refusal lists each change in words", async () => {
    const { tenant, actor, view } = await tenantWithSavedProfile();
    const details = stepOf(view, "company_details").values;
    const changed = {
      ...details,
      timezone: "America/New_York",
      businessHours: { ...(details.businessHours as object), saturday: null },
    };
    const error = await rejection(
      saveOnboarding({
        tenantId: tenant.id,
        actor,
        version: 1,
        steps: { company_details: { action: "complete", values: changed } },
      }),
    );
    expect(error.status).toBe(409);
    expect(error.details).toEqual({
      reason: "confirm_changes",
      step: "company_details",
      changes: [
        { field: "timezone", label: "Time zone", from: "Central (Chicago)", to: "Eastern (New York)" },
        {
          field: "businessHours",
          label: "Business hours",
          from: "Mon–Fri 07:00–18:00 · Sat 08:00–12:00 · Sun closed",
          to: "Mon–Fri 07:00–18:00 · Sat–Sun closed",
        },
      ],
    });
    expect((await snapshot(tenant.id)).tenant?.timezone).toBe("America/Chicago");
    expect((await getOnboarding({ tenantId: tenant.id })).onboarding?.version).toBe(1);

    await saveOnboarding({
      tenantId: tenant.id,
      actor,
      version: 1,
      steps: { company_details: { action: "complete", values: changed, confirm: true } },
    });
    const after = (await snapshot(tenant.id)).tenant;
    expect(after?.timezone).toBe("America/New_York");
    expect(after?.businessHours?.saturday).toBeNull();
    // What the step does not hold stays: the billing email and each ZIP's city.
    expect(after?.billingEmail).toBe("billing@lonestar.test");
    expect(after?.serviceAreas[0]).toEqual({ zip: "78701", city: "Austin", state: "TX", radiusMiles: 15 });
  });

  it("“Invite the team” says whom it will email, and emails no one until confirmed", async () => {
    const { tenant, actor, owner } = await tenantWithSavedProfile();
    const members = `Dina Diaz <dina@lonestar.test> - Dispatcher\n${owner.user.email} owner\ntom@lonestar.test, tech`;
    const error = await rejection(
      saveOnboarding({
        tenantId: tenant.id,
        actor,
        version: 1,
        steps: { team_invitations: { action: "complete", values: { members } } },
      }),
    );
    expect(error.status).toBe(409);
    expect(error.message).toBe(
      `“Invite the team” will email an invitation to 2 people: Dina Diaz <dina@lonestar.test> as dispatcher, tom@lonestar.test as technician. Already on the team (no email): ${owner.user.email}. Confirm to send.`,
    );
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.tenantId, tenant.id))).toEqual([]);
    await saveOnboarding({
      tenantId: tenant.id,
      actor,
      version: 1,
      steps: { team_invitations: { action: "complete", values: { members }, confirm: true } },
    });
    const sent = await db.select().from(emailOutbox).where(eq(emailOutbox.tenantId, tenant.id));
    expect(sent.map((mail) => mail.to).sort()).toEqual(["dina@lonestar.test", "tom@lonestar.test"]);
  });
});

describe("onboarding forms accept what people type, and name fields in words", () => {
  it("takes “Mountain Time (Arizona)”, comma-separated ZIP+4, a phone with an extension and “Texas”", async () => {
    const { tenant, actor, view } = await tenantWithSavedProfile();
    await saveOnboarding({
      tenantId: tenant.id,
      actor,
      version: 1,
      steps: {
        company_details: {
          action: "complete",
          confirm: true,
          values: {
            ...stepOf(view, "company_details").values,
            timezone: "Mountain Time (Arizona)",
            serviceAreas: "78701, 78702-1234;78703",
            contactPhone: "(512) 555-0142 ext. 2",
          },
        },
        licence_insurance: { action: "complete", values: TYPED.licence_insurance ?? {} },
      },
    });
    const after = (await snapshot(tenant.id)).tenant;
    expect(after?.timezone).toBe("America/Phoenix");
    expect(after?.serviceAreas.map((area) => area.zip)).toEqual(["78701", "78702", "78703"]);
    expect(after?.contactPhone).toBe("(512) 555-0142 ext. 2");
  });

  it("names the step, the field and the bad entry — never an internal path", async () => {
    const { tenant, actor, view } = await tenantWithSavedProfile();
    const bad = (stepKey: string, values: Record<string, unknown>) =>
      rejection(
        saveOnboarding({
          tenantId: tenant.id,
          actor,
          version: 1,
          steps: { [stepKey]: { action: "complete", values } },
        }),
      );
    const zip = await bad("company_details", {
      ...stepOf(view, "company_details").values,
      serviceAreas: "78701, 7870",
    });
    expect(zip.message).toBe(
      "Company details: Service area ZIP codes — “7870”: must be a 5-digit ZIP code like 78701 (or ZIP+4 like 78701-1234)",
    );
    expect(zip.details).toEqual([
      expect.objectContaining({ path: "steps.company_details.values.serviceAreas", label: "Service area ZIP codes" }),
    ]);
    const team = await bad("team_invitations", { members: "Sam <sam@lonestar> - Dispatcher" });
    expect(team.message).toBe(
      "Invite the team: Team members — line 1 (“Sam <sam@lonestar> - Dispatcher”) email: must be an email address like name@company.com",
    );
    const state = await bad("licence_insurance", { ...TYPED.licence_insurance, licenceState: "Texarkana" });
    expect(state.message).toBe("Licence & insurance: Licence state — must be a US state, like TX or Texas");
    expect(JSON.stringify([zip, team, state].map((e) => [e.message, e.details]))).not.toMatch(
      /\.\d|members\.|serviceAreas\./,
    );
  });
});

describe("drafts and feature use", () => {
  it("records OnboardingStepCompleted when a step is completed, not when a draft is saved", async () => {
    const { tenant, actor } = await tenantWithSavedProfile();
    const uses = () =>
      db
        .select({ metadata: featureUsage.metadata, app: featureUsage.app })
        .from(featureUsage)
        .where(and(eq(featureUsage.tenantId, tenant.id), eq(featureUsage.featureKey, "OnboardingStepCompleted")));
    await saveOnboarding({
      tenantId: tenant.id,
      actor,
      version: 1,
      steps: { branding: { action: "save_draft", values: { primaryColor: "#0f7" } } },
    });
    expect(await uses()).toEqual([]);
    await saveOnboarding({
      tenantId: tenant.id,
      actor,
      version: 2,
      steps: { branding: { action: "complete", values: { primaryColor: "#0f766e" } } },
    });
    expect(await uses()).toEqual([{ metadata: { step: "branding" }, app: "portal" }]);
  });

  it("bounds a draft by its step's fields: huge strings, unknown keys and deep JSON are 400s naming the field", async () => {
    const { tenant, actor } = await tenantWithSavedProfile();
    const draft = (values: Record<string, unknown>) =>
      rejection(
        saveOnboarding({
          tenantId: tenant.id,
          actor,
          version: 1,
          steps: { company_details: { action: "save_draft", values } },
        }),
      );
    const huge = await draft({ contactName: "x".repeat(900_000) });
    expect(huge.status).toBe(400);
    expect(huge.message).toBe("Company details: Contact name — at most 254 characters");
    const keys = await draft(Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i])));
    expect(keys.status).toBe(400);
    expect(keys.message).toMatch(/more than (40|10000) fields/);
    const nest = (levels: number) => {
      let deep: unknown = "x";
      for (let level = 0; level < levels; level++) deep = { a: deep };
      return deep;
    };
    // 2,000 levels stop at the request's JSON bound; a shallower object still is not a name.
    expect((await draft({ contactName: nest(2000) })).status).toBe(400);
    const nested = await draft({ contactName: nest(10) });
    expect(nested.status).toBe(400);
    expect(nested.message).toMatch(/^Company details: Contact name — /);
    const unknown = await draft({ favouriteColour: "teal" });
    expect(unknown.message).toBe("Company details: “favouriteColour” — is not a field of this step");
    expect((await getOnboarding({ tenantId: tenant.id })).onboarding?.version).toBe(1);
  });
});
