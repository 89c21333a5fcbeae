// The onboarding checklist as the pages hand it over (the shape of core's OnboardingView, as plain data).

import type { FieldDescriptor } from "@pp/core/onboarding/templates";

/** A step field as core describes it (a type import: the kit takes the values as props). */
export type ChecklistField = Omit<FieldDescriptor, "order">;

export type ChecklistStep = {
  key: string;
  title: string;
  required: boolean;
  weight: number;
  fields: Record<string, ChecklistField>;
  ownerEditable: boolean;
  state: {
    status: "not_started" | "draft" | "completed";
    values: Record<string, unknown>;
    completedBy?: string;
    completedAt?: string;
  };
  /** What the form opens with: a draft, else the tenant's saved values, else the template's defaults. */
  values: Record<string, unknown>;
  /** Fields whose opening value is what the tenant already set. */
  prefilled: string[];
};

export type ChecklistData = {
  onboarding: {
    status: string;
    version: number;
    readinessScore: number;
    goLiveAt: string | Date | null;
    timeToLive: { days: number; hours: number } | null;
    sections: { key: string; title: string; steps: ChecklistStep[] }[];
    openRequiredSteps: { key: string; title: string }[];
  } | null;
  integrations: { kind: string; status: string; lastCheckedAt: string | Date | null; lastError: string | null }[];
  /** The Branding step's uploaded logo, if any (its hash versions the image URL). */
  logo?: { sha256: string; contentType: string; byteSize: number } | null;
};

/** The logo rules of core (sizes and types), passed in by the server page: the UI kit restates none. */
export type LogoLimits = { maxBytes: number; contentTypes: readonly string[] };

/** What the server asked to confirm before a step is completed (a 409 with these details). */
export type PendingConfirmation =
  | { reason: "confirm_changes"; step: string; changes: { field: string; label: string; from: string; to: string }[] }
  | {
      reason: "confirm_invitations";
      step: string;
      invitations: { name?: string; email: string; role: string }[];
      alreadyMembers: string[];
    };

export type FormValues = Record<string, unknown>;
