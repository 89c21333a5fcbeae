import { db, type Executor } from "@pp/db";
import { tenantOnboarding } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { ZBranding } from "./step-schemas";

export type TenantBranding = { primaryColor: string; accentColor: string | null };

/** The brand colours from the tenant's completed Branding step, or null to keep the product's own. */
export async function getTenantBranding(tenantId: string, executor: Executor = db): Promise<TenantBranding | null> {
  const [row] = await executor
    .select({ checklist: tenantOnboarding.checklist })
    .from(tenantOnboarding)
    .where(eq(tenantOnboarding.tenantId, tenantId));
  const step = row?.checklist.branding;
  if (step?.status !== "completed") return null;
  // Re-validated on read: only a proven hex colour ever reaches a style attribute.
  const parsed = ZBranding.safeParse(step.values);
  return parsed.success
    ? { primaryColor: parsed.data.primaryColor, accentColor: parsed.data.accentColor ?? null }
    : null;
}
