import { db, type Executor } from "@pp/db";
import {
  type OnboardingStepState,
  onboardingTemplates,
  tenantIntegrations,
  tenantOnboarding,
  tenants,
} from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { AppError } from "../errors";
import { isUuid } from "../parse-input";
import { computeTimeToLive, openRequiredSteps, type TimeToLive } from "./compute-readiness";
import { currentStepFields } from "./current-step-fields";
import { loadSavedStepValues } from "./load-saved-step-values";
import { type FieldDescriptor, OWNER_STEP_KEYS, SECRET_FIELDS, type Trade } from "./templates";
import { getTenantLogoInfo, type TenantLogoInfo } from "./upload-tenant-logo";

export type OnboardingStepView = {
  key: string;
  title: string;
  required: boolean;
  weight: number;
  fields: Record<string, FieldDescriptor>;
  /** The tenant's owner may complete this step in the tenant app. */
  ownerEditable: boolean;
  state: OnboardingStepState;
  /**
   * What the step's form opens with: a draft's own values, else the tenant's saved values (profile,
   * pipeline, integrations…) over what the step last completed with, over the template's defaults.
   */
  values: Record<string, unknown>;
  /** Fields whose opening value is the tenant's saved one. */
  prefilled: string[];
};

export type OnboardingView = {
  /** `onboardingStatus` is the checklist's own status ("not_started" while there is none). */
  tenant: { id: string; name: string; slug: string; trade: Trade; createdAt: Date; onboardingStatus: string };
  /** null until someone starts onboarding from a trade template. */
  onboarding: {
    id: string;
    status: "not_started" | "in_progress" | "completed";
    version: number;
    readinessScore: number;
    startedAt: Date | null;
    completedAt: Date | null;
    goLiveAt: Date | null;
    lastProgressAt: Date | null;
    timeToLive: TimeToLive | null;
    template: { id: string; trade: Trade; version: number };
    sections: { key: string; title: string; steps: OnboardingStepView[] }[];
    openRequiredSteps: { key: string; title: string }[];
  } | null;
  integrations: {
    kind: string;
    status: string;
    config: Record<string, unknown>;
    hasCredentials: boolean;
    lastCheckedAt: Date | null;
    lastError: string | null;
  }[];
  /** The Branding step's logo (type, size, content hash for the cache-busting URL), or null. */
  logo: TenantLogoInfo | null;
};

const EMPTY_STATE: OnboardingStepState = { status: "not_started", values: {} };

/** A tenant's onboarding checklist with every step's state; 404 for an unknown tenant. */
export async function getOnboarding(options: { tenantId: string }, executor: Executor = db): Promise<OnboardingView> {
  const { tenantId } = options;
  if (!isUuid(tenantId)) throw new AppError("not_found", "Tenant not found");
  const [tenant] = await executor
    .select({
      id: tenants.id,
      name: tenants.name,
      slug: tenants.slug,
      trade: tenants.trade,
      createdAt: tenants.createdAt,
    })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  if (!tenant) throw new AppError("not_found", "Tenant not found");

  const [row] = await executor
    .select({ onboarding: tenantOnboarding, template: onboardingTemplates })
    .from(tenantOnboarding)
    .innerJoin(onboardingTemplates, eq(onboardingTemplates.id, tenantOnboarding.templateId))
    .where(eq(tenantOnboarding.tenantId, tenantId));

  const integrationRows = await executor
    .select()
    .from(tenantIntegrations)
    .where(eq(tenantIntegrations.tenantId, tenantId));
  const integrations = integrationRows.map((integration) => ({
    kind: integration.kind,
    status: integration.status,
    // A pending OAuth authorization (hashed state, who started it) is server-side only.
    config: Object.fromEntries(Object.entries(integration.config).filter(([key]) => key !== "authorization")),
    hasCredentials: integration.credentialsCiphertext !== null,
    lastCheckedAt: integration.lastCheckedAt,
    lastError: integration.lastError,
  }));

  const logo = await getTenantLogoInfo(tenantId, executor);
  if (!row) return { tenant: { ...tenant, onboardingStatus: "not_started" }, onboarding: null, integrations, logo };
  const { onboarding, template } = row;
  const checklist = onboarding.checklist;
  const saved = await loadSavedStepValues({ tenantId }, executor);
  const trade = template.trade as Trade;
  return {
    tenant: { ...tenant, onboardingStatus: onboarding.status },
    integrations,
    logo,
    onboarding: {
      id: onboarding.id,
      status: onboarding.status,
      version: onboarding.version,
      readinessScore: onboarding.readinessScore,
      startedAt: onboarding.startedAt,
      completedAt: onboarding.completedAt,
      goLiveAt: onboarding.goLiveAt,
      lastProgressAt: onboarding.lastProgressAt,
      timeToLive: computeTimeToLive(tenant.createdAt, onboarding.goLiveAt),
      template: { id: template.id, trade: template.trade, version: template.version },
      openRequiredSteps: openRequiredSteps(template.sections, checklist),
      sections: template.sections.map((section) => ({
        key: section.key,
        title: section.title,
        steps: section.steps.map((step) => {
          const fields = inFormOrder(currentStepFields(trade, step.key, step.fields));
          const state = withoutSecrets(step.key, checklist[step.key] ?? EMPTY_STATE);
          return {
            key: step.key,
            title: step.title,
            required: step.required,
            weight: step.weight,
            fields,
            ownerEditable: OWNER_STEP_KEYS.has(step.key),
            state,
            ...openingValues(fields, state, saved[step.key] ?? {}),
          };
        }),
      })),
    },
  };
}

function openingValues(
  fields: Record<string, FieldDescriptor>,
  state: OnboardingStepState,
  saved: Record<string, unknown>,
): { values: Record<string, unknown>; prefilled: string[] } {
  const values: Record<string, unknown> = {};
  const prefilled: string[] = [];
  for (const [name, field] of Object.entries(fields)) {
    if (state.status === "draft" && name in state.values) values[name] = state.values[name];
    else if (name in saved) {
      values[name] = saved[name];
      prefilled.push(name);
    } else if (state.status === "completed" && name in state.values) values[name] = state.values[name];
    else if (field.defaultValue !== undefined) values[name] = field.defaultValue;
  }
  return { values, prefilled };
}

function inFormOrder(fields: Record<string, FieldDescriptor>): Record<string, FieldDescriptor> {
  return Object.fromEntries(Object.entries(fields).sort(([, a], [, b]) => (a.order ?? 0) - (b.order ?? 0)));
}

/** Secret fields are never stored in the checklist; this is a second guard for older rows. */
function withoutSecrets(stepKey: string, state: OnboardingStepState): OnboardingStepState {
  const secrets = SECRET_FIELDS[stepKey];
  if (!secrets) return state;
  const values = Object.fromEntries(Object.entries(state.values).filter(([key]) => !secrets.includes(key)));
  return { ...state, values };
}
