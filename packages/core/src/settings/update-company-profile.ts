import { db, type Executor } from "@pp/db";
import { type ServiceArea, tenants } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { MemberActor } from "../auth/actors";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { type CompanyProfile, type TCompanyProfileInput, toCompanyProfile, ZCompanyProfile } from "./company-profile";

export type UpdateCompanyProfileOptions = {
  tenantId: string;
  actor: MemberActor;
  profile: TCompanyProfileInput;
  context?: AuditContext;
};

/** Saves the company profile (owners only, checked by the caller) and audits what changed. */
export async function updateCompanyProfile(
  options: UpdateCompanyProfileOptions,
  executor: Executor = db,
): Promise<CompanyProfile> {
  const { tenantId, actor } = options;
  const profile = parseInput(ZCompanyProfile, options.profile);
  return executor.transaction(async (tx) => {
    const [current] = await tx.select().from(tenants).where(eq(tenants.id, tenantId)).for("update");
    if (!current) throw new AppError("not_found", "Tenant not found");

    // A ZIP that stays keeps whatever else was stored with it (city, radius) by onboarding or staff.
    const storedByZip = new Map(current.serviceAreas.flatMap((area) => (area.zip ? [[area.zip, area] as const] : [])));
    const serviceAreas: ServiceArea[] = profile.serviceAreas.map((zip) => storedByZip.get(zip) ?? { zip });

    const [updated] = await tx
      .update(tenants)
      .set({
        name: profile.name,
        trade: profile.trade,
        timezone: profile.timezone,
        serviceAreas,
        businessHours: profile.businessHours,
        contactName: profile.contactName,
        contactEmail: profile.contactEmail,
        contactPhone: profile.contactPhone,
        billingEmail: profile.billingEmail,
      })
      .where(eq(tenants.id, tenantId))
      .returning();
    if (!updated) throw new AppError("not_found", "Tenant not found");

    const before = toCompanyProfile(current);
    const after = toCompanyProfile(updated);
    await recordAuditEvent(
      {
        actor,
        context: options.context,
        action: "tenant.profile_updated",
        tenantId,
        target: { type: "tenant", id: tenantId },
        before: auditable(before),
        after: auditable(after),
        metadata: { changed: changedFields(before, after) },
      },
      tx,
    );
    return after;
  });
}

function auditable(profile: CompanyProfile) {
  const { updatedAt: _updatedAt, slug: _slug, ...fields } = profile;
  return fields;
}

function changedFields(before: CompanyProfile, after: CompanyProfile): string[] {
  const a = auditable(before);
  const b = auditable(after);
  return (Object.keys(b) as (keyof typeof b)[]).filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}
