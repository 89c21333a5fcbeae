import type { Executor } from "@pp/db";
import type { OnboardingStepState } from "@pp/db/schema";
import type { AuditContext } from "../audit/record-audit-event";
import type { MemberActor, StaffActor } from "../auth/actors";
import type { SavedStepValues } from "./load-saved-step-values";
import type { FieldDescriptor, Trade } from "./templates";

/** Everything a save knows about one step while the checklist row is locked. */
export type StepContext = {
  tx: Executor;
  tenantId: string;
  onboardingId: string;
  /** The version this save writes. */
  version: number;
  actor: StaffActor | MemberActor;
  trade: Trade;
  step: { key: string; title: string; fields: Record<string, FieldDescriptor> };
  previous: OnboardingStepState | undefined;
  /** What the tenant already set outside the checklist. */
  saved: SavedStepValues;
  now: Date;
  context?: AuditContext;
};
