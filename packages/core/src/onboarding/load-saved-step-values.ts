import type { Executor } from "@pp/db";
import { tenantIntegrations, tenants } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { toCompanyProfile } from "../settings/company-profile";

/** Per step key, the values the tenant already has outside the checklist (only the ones it set). */
export type SavedStepValues = Partial<Record<string, Record<string, unknown>>>;

function present(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).filter(
      ([, value]) => value !== null && value !== undefined && value !== "" && !(Array.isArray(value) && !value.length),
    ),
  );
}

/**
 * What the tenant already set that a step would write: its company profile, pipeline, lead intake and
 * integration settings (never secrets). Steps open pre-filled with these, and completing a step that
 * would change one of them asks first — onboarding never silently overwrites what a tenant set.
 */
export async function loadSavedStepValues(
  options: { tenantId: string; lock?: boolean },
  executor: Executor,
): Promise<SavedStepValues> {
  const query = executor.select().from(tenants).where(eq(tenants.id, options.tenantId));
  const [tenant] = options.lock ? await query.for("update") : await query;
  if (!tenant) return {};
  const integrations = await executor
    .select({ kind: tenantIntegrations.kind, status: tenantIntegrations.status, config: tenantIntegrations.config })
    .from(tenantIntegrations)
    .where(eq(tenantIntegrations.tenantId, options.tenantId));
  const configOf = (kind: string) => integrations.find((row) => row.kind === kind && row.status !== "not_configured");

  const profile = toCompanyProfile(tenant);
  const hasHours = tenant.businessHours !== null && Object.keys(tenant.businessHours).length > 0;
  const saved: SavedStepValues = {
    company_details: present({
      name: profile.name,
      trade: profile.trade,
      timezone: profile.timezone,
      serviceAreas: profile.serviceAreas,
      businessHours: hasHours ? profile.businessHours : null,
      contactName: profile.contactName,
      contactEmail: profile.contactEmail,
      contactPhone: profile.contactPhone,
    }),
  };
  if (tenant.pipelineStages?.length) saved.pipeline_stages = { stages: tenant.pipelineStages.map((s) => s.label) };
  if (tenant.leadIntake) saved.lead_sources = { ...tenant.leadIntake };
  const email = configOf("email");
  if (email) {
    const { host, port, secure, username, fromAddress } = email.config;
    saved.email_integration = present({ host, port, secure, username, fromAddress });
  }
  const calendar = configOf("calendar");
  if (calendar) saved.calendar_integration = present({ icsUrl: calendar.config.icsUrl });
  const quickbooks = configOf("quickbooks");
  if (quickbooks) {
    const { clientId, environment } = quickbooks.config;
    saved.quickbooks_integration = present({ clientId, environment });
  }
  return saved;
}
