import type { Executor } from "@pp/db";
import { type ServiceArea, tenantIntegrations, tenants } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import type { AuditContext } from "../audit/record-audit-event";
import type { MemberActor, StaffActor } from "../auth/actors";
import { encryptSecret } from "../crypto/encrypt-secret";
import { AppError } from "../errors";
import { normalizeBusinessHours, type TCompanyProfile } from "../settings/company-profile";
import { inviteMember } from "../team/invite-member";
import { isMemberEmail } from "../team/team-rules";
import { checkCalendarFeed } from "./check-calendar-feed";
import type {
  TCalendarIntegration,
  TEmailIntegration,
  TLeadSources,
  TPipelineStages,
  TQuickbooksIntegration,
  TTeamInvitations,
} from "./step-schemas";

export type StepEffectOptions = {
  tx: Executor;
  tenantId: string;
  actor: StaffActor | MemberActor;
  stepKey: string;
  /** The step's values after its schema parsed them. */
  values: unknown;
  now: Date;
  context?: AuditContext;
};

/** What a completed step changed outside the checklist, for the audit row (never secrets). */
export type StepEffect = Record<string, unknown>;

/**
 * The real work a completed step does, inside the checklist's transaction: a failure here rolls the
 * completion back, so the checklist never claims something that did not happen.
 */
export async function applyStepEffects(options: StepEffectOptions): Promise<StepEffect> {
  const { tx, tenantId, stepKey, now } = options;
  switch (stepKey) {
    case "company_details": {
      const profile = options.values as TCompanyProfile;
      const [current] = await tx.select().from(tenants).where(eq(tenants.id, tenantId)).for("update");
      if (!current) throw new AppError("not_found", "Tenant not found");
      const changes = profileChanges(current, profile);
      // Only what the step changes is written: an unchanged step leaves the tenant row as it was.
      if (Object.keys(changes).length > 0) await tx.update(tenants).set(changes).where(eq(tenants.id, tenantId));
      return { tenantUpdated: Object.keys(changes) };
    }
    case "team_invitations": {
      const { members } = options.values as TTeamInvitations;
      const invited: string[] = [];
      const alreadyMembers: string[] = [];
      for (const member of members) {
        // Someone already on the team (often the owner who signed up) needs no invitation.
        if (await isMemberEmail(tx, tenantId, member.email)) {
          alreadyMembers.push(member.email);
          continue;
        }
        await inviteMember(
          { tenantId, actor: options.actor, email: member.email, role: member.role, now, context: options.context },
          tx,
        );
        invited.push(member.email);
      }
      return { invited, alreadyMembers };
    }
    case "pipeline_stages": {
      const { stages } = options.values as TPipelineStages;
      const pipelineStages = stages.map((label) => ({ key: stageKey(label), label }));
      const [current] = await tx
        .select({ pipelineStages: tenants.pipelineStages })
        .from(tenants)
        .where(eq(tenants.id, tenantId));
      if (JSON.stringify(current?.pipelineStages) === JSON.stringify(pipelineStages)) return { unchanged: true };
      await tx.update(tenants).set({ pipelineStages }).where(eq(tenants.id, tenantId));
      return { pipelineStages: stages };
    }
    case "lead_sources": {
      const leadIntake = options.values as TLeadSources;
      const [current] = await tx
        .select({ leadIntake: tenants.leadIntake })
        .from(tenants)
        .where(eq(tenants.id, tenantId));
      if (JSON.stringify(sortedKeys(current?.leadIntake ?? {})) === JSON.stringify(sortedKeys(leadIntake))) {
        return { unchanged: true };
      }
      await tx.update(tenants).set({ leadIntake }).where(eq(tenants.id, tenantId));
      return { leadIntake };
    }
    case "email_integration": {
      const { password, ...config } = options.values as TEmailIntegration;
      const existing = await integrationOf(tx, tenantId, "email");
      if (config.username && !password && !existing?.credentialsCiphertext) {
        throw fieldError(stepKey, "password", "is required when a username is set");
      }
      const secret = password ? encryptSecret(JSON.stringify({ password })) : null;
      // The same settings again keep what "Send test email" proved; new ones wait for a new test.
      const unchanged =
        !secret &&
        existing !== null &&
        JSON.stringify(sortedKeys(existing.config)) === JSON.stringify(sortedKeys(config));
      if (unchanged) return { integration: "email", config, unchanged: true };
      await upsertIntegration(tx, tenantId, "email", {
        // Saved but not yet proven: "Send test email" moves it to connected (or error).
        status: "awaiting_authorization",
        config,
        ...(secret ? { credentialsCiphertext: secret.ciphertext, credentialsKeyId: secret.keyId } : {}),
        ...(config.username ? {} : { credentialsCiphertext: null, credentialsKeyId: null }),
        lastError: null,
      });
      return { integration: "email", config, passwordStored: Boolean(secret || existing?.credentialsCiphertext) };
    }
    case "calendar_integration": {
      const { icsUrl } = options.values as TCalendarIntegration;
      const check = await checkCalendarFeed(icsUrl);
      if (!check.ok) throw fieldError(stepKey, "icsUrl", `could not be used: ${check.reason}`);
      await upsertIntegration(tx, tenantId, "calendar", {
        status: "connected",
        config: { icsUrl },
        lastCheckedAt: now,
        lastError: null,
      });
      return { integration: "calendar", icsUrl };
    }
    case "quickbooks_integration": {
      const { clientSecret, ...config } = options.values as TQuickbooksIntegration;
      const existing = await integrationOf(tx, tenantId, "quickbooks");
      if (!clientSecret && !existing?.credentialsCiphertext) throw fieldError(stepKey, "clientSecret", "is required");
      const secret = clientSecret ? encryptSecret(JSON.stringify({ clientSecret })) : null;
      // Saving the same app again keeps a finished authorization (tokens, realm); new client settings
      // drop it and wait for "Connect QuickBooks" (quickbooks-oauth.ts) to authorize again.
      const sameApp =
        !secret &&
        existing?.status === "connected" &&
        existing.config.clientId === config.clientId &&
        existing.config.environment === config.environment;
      await upsertIntegration(tx, tenantId, "quickbooks", {
        status: sameApp ? "connected" : "awaiting_authorization",
        config: sameApp ? { ...existing.config, ...config } : config,
        ...(secret ? { credentialsCiphertext: secret.ciphertext, credentialsKeyId: secret.keyId } : {}),
        lastError: null,
      });
      return { integration: "quickbooks", config, status: sameApp ? "connected" : "awaiting_authorization" };
    }
    default:
      // Branding, licence & insurance, training and go-live live in the checklist itself.
      return {};
  }
}

/** The tenant columns a completed Company details step changes (compared as a person would). */
function profileChanges(
  current: typeof tenants.$inferSelect,
  profile: TCompanyProfile,
): Partial<typeof tenants.$inferInsert> {
  const changes: Partial<typeof tenants.$inferInsert> = {};
  const simple = ["name", "trade", "timezone", "contactName", "contactEmail", "contactPhone"] as const;
  for (const key of simple) if (current[key] !== profile[key]) Object.assign(changes, { [key]: profile[key] });
  if (profile.billingEmail && profile.billingEmail !== current.billingEmail)
    changes.billingEmail = profile.billingEmail;
  const storedZips = current.serviceAreas.flatMap((area) => (area.zip ? [area.zip] : []));
  if (JSON.stringify([...storedZips].sort()) !== JSON.stringify([...profile.serviceAreas].sort())) {
    // A ZIP that stays keeps whatever else was stored with it (city, radius).
    const storedByZip = new Map(current.serviceAreas.flatMap((area) => (area.zip ? [[area.zip, area] as const] : [])));
    changes.serviceAreas = profile.serviceAreas.map((zip): ServiceArea => storedByZip.get(zip) ?? { zip });
  }
  const storedHours = current.businessHours === null ? null : normalizeBusinessHours(current.businessHours);
  if (JSON.stringify(storedHours) !== JSON.stringify(normalizeBusinessHours(profile.businessHours))) {
    changes.businessHours = profile.businessHours;
  }
  return changes;
}

function sortedKeys(value: Record<string, unknown>): [string, unknown][] {
  return Object.entries(value)
    .filter(([, entry]) => entry !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
}

export function fieldError(stepKey: string, field: string, message: string): AppError {
  const path = `steps.${stepKey}.values.${field}`;
  return new AppError("validation_failed", `${field}: ${message}`, { details: [{ path, message }] });
}

function stageKey(label: string): string {
  return (
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "") || "stage"
  );
}

type IntegrationKind = (typeof tenantIntegrations.$inferSelect)["kind"];

async function integrationOf(tx: Executor, tenantId: string, kind: IntegrationKind) {
  const [row] = await tx
    .select()
    .from(tenantIntegrations)
    .where(and(eq(tenantIntegrations.tenantId, tenantId), eq(tenantIntegrations.kind, kind)))
    .for("update");
  return row ?? null;
}

async function upsertIntegration(
  tx: Executor,
  tenantId: string,
  kind: IntegrationKind,
  values: Partial<Omit<typeof tenantIntegrations.$inferInsert, "tenantId" | "kind">>,
) {
  await tx
    .insert(tenantIntegrations)
    .values({ tenantId, kind, ...values })
    .onConflictDoUpdate({ target: [tenantIntegrations.tenantId, tenantIntegrations.kind], set: values });
}
