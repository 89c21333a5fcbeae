import { db } from "@pp/db";
import { createMember, createTenant } from "@pp/db/factories";
import { auditEvents, tenants } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { MemberActor } from "../auth/actors";
import { AppError } from "../errors";
import type { TCompanyProfileInput } from "./company-profile";
import { getCompanyProfile } from "./get-company-profile";
import { updateCompanyProfile } from "./update-company-profile";

async function setup() {
  const tenant = await createTenant(db, {
    name: "Bright Spark",
    trade: "electrical",
    serviceAreas: [{ zip: "78701", city: "Austin", state: "TX", radiusMiles: 15 }, { zip: "78702" }],
    businessHours: { mon: { open: "08:00", close: "17:00" } },
  });
  const owner = await createMember(db, { tenantId: tenant.id, role: "owner" });
  const actor: MemberActor = {
    kind: "member",
    userId: owner.user.id,
    email: owner.user.email,
    name: owner.user.name,
    role: "owner",
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    sessionId: "test-session",
  };
  return { tenant, actor };
}

const closed = {
  monday: null,
  tuesday: null,
  wednesday: null,
  thursday: null,
  friday: null,
  saturday: null,
  sunday: null,
};

function validProfile(overrides: Partial<TCompanyProfileInput> = {}): TCompanyProfileInput {
  return {
    name: "Bright Spark Electric",
    trade: "electrical",
    timezone: "America/Denver",
    serviceAreas: ["78701", "73301", "73301"],
    businessHours: {
      ...closed,
      monday: { open: "07:30", close: "18:00" },
      saturday: { open: "09:00", close: "12:00" },
    },
    contactName: "Sam Spark",
    contactEmail: "Sam@BrightSpark.test",
    contactPhone: "(512) 555-0100",
    billingEmail: "",
    ...overrides,
  };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("company profile", () => {
  it("reads stored hours under short or long weekday keys, other days closed", async () => {
    const { tenant } = await setup();
    const profile = await getCompanyProfile({ tenantId: tenant.id });
    expect(profile).toMatchObject({ name: "Bright Spark", trade: "electrical", serviceAreas: ["78701", "78702"] });
    expect(profile.businessHours).toEqual({ ...closed, monday: { open: "08:00", close: "17:00" } });
  });

  it("saves a valid profile, keeps details stored with a retained ZIP, and audits before and after", async () => {
    const { tenant, actor } = await setup();
    const saved = await updateCompanyProfile({ tenantId: tenant.id, actor, profile: validProfile() });

    expect(saved).toMatchObject({
      name: "Bright Spark Electric",
      timezone: "America/Denver",
      serviceAreas: ["78701", "73301"],
      contactEmail: "sam@brightspark.test",
      billingEmail: null,
    });
    const [row] = await db.select().from(tenants).where(eq(tenants.id, tenant.id));
    expect(row?.serviceAreas).toEqual([
      { zip: "78701", city: "Austin", state: "TX", radiusMiles: 15 },
      { zip: "73301" },
    ]);

    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, tenant.id), eq(auditEvents.action, "tenant.profile_updated")));
    expect(event).toMatchObject({
      actorId: actor.userId,
      targetType: "tenant",
      targetId: tenant.id,
      before: expect.objectContaining({ name: "Bright Spark", serviceAreas: ["78701", "78702"] }),
      after: expect.objectContaining({ name: "Bright Spark Electric", serviceAreas: ["78701", "73301"] }),
    });
    expect(event?.metadata).toMatchObject({
      changed: expect.arrayContaining(["name", "serviceAreas", "businessHours", "timezone"]),
    });
    expect(JSON.stringify(event?.after)).not.toMatch(/password|secret|token/i);
  });

  it("refuses bad input with a 400 naming the field, and changes nothing", async () => {
    const { tenant, actor } = await setup();
    const cases: [Partial<TCompanyProfileInput>, string][] = [
      [{ serviceAreas: [] }, "serviceAreas"],
      [{ serviceAreas: ["78701", "7870"] }, "serviceAreas.1"],
      [{ trade: "roofing" as "hvac" }, "trade"],
      [{ contactEmail: "nope" }, "contactEmail"],
      [{ contactEmail: " " }, "contactEmail"],
      [{ billingEmail: "billing@" }, "billingEmail"],
      [{ businessHours: { ...closed, friday: { open: "17:00", close: "09:00" } } }, "businessHours.friday.close"],
      [{ businessHours: { ...closed, friday: { open: "9am", close: "17:00" } } }, "businessHours.friday.open"],
      [{ timezone: "Mars/Olympus_Mons" }, "timezone"],
      [{ name: " " }, "name"],
    ];
    for (const [overrides, field] of cases) {
      const error = await rejection(
        updateCompanyProfile({ tenantId: tenant.id, actor, profile: validProfile(overrides) }),
      );
      expect(error, field).toMatchObject({ code: "validation_failed", status: 400 });
      expect(error.message).toContain(`"${field}"`);
    }
    expect((await getCompanyProfile({ tenantId: tenant.id })).name).toBe("Bright Spark");
    const events = await db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenant.id));
    expect(events).toHaveLength(0);
  });
});
