"use client";

import { RefreshCw } from "lucide-react";
import { useState } from "react";
import { ApiError } from "../api-client";
import { useApiForm } from "../api-form";
import { Button } from "../button";
import { Card } from "../card";
import { ChecklistStepSection } from "./checklist-step";
import type { ChecklistData, ChecklistStep, FormValues, LogoLimits, PendingConfirmation } from "./checklist-types";
import { confirmationOf, formsOf, fromForm, stepFieldErrors, toForm } from "./form-values";
import { ProgressCard } from "./progress-card";

export type { ChecklistData, ChecklistField, ChecklistStep, LogoLimits } from "./checklist-types";

// The onboarding checklist editor shared by the Provider Portal (staff, every step) and the tenant app
// (owner, their own steps). Each step's form opens with the tenant's saved values and is drawn from the
// template's field descriptors; domain rules (logo limits, time zones) arrive as props and data.

export type OnboardingChecklistProps = {
  /** GET and PUT go here. */
  apiUrl: string;
  initial: ChecklistData;
  /** "all" for staff; for an owner, only steps marked ownerEditable. */
  editable: "all" | "owner" | "none";
  /** Staff may complete onboarding; owners finish their steps and staff confirm go-live. */
  canCompleteOnboarding: boolean;
  /** e.g. /api/provider/integrations/{tenantId}; enables "Send test email" and "Check feed". */
  integrationTestUrl?: string;
  /** GET shows the logo, POST (raw image body) replaces it; enables the Branding step's logo upload. */
  logoUrl?: string;
  /** The logo's size and type limits (core's), for the upload's early checks and hint. */
  logoLimits?: LogoLimits;
  /** POST → `{ authorizeUrl }`; enables "Connect QuickBooks" on the QuickBooks step. */
  quickbooksAuthorizeUrl?: string;
};

type StepChange = { action: "save_draft" | "complete"; values: FormValues; confirm?: boolean };

export function OnboardingChecklist(props: OnboardingChecklistProps) {
  const { apiUrl, initial, editable } = props;
  const [data, setData] = useState(initial);
  const [forms, setForms] = useState<Record<string, FormValues>>(() => formsOf(initial));
  const [conflict, setConflict] = useState<string | null>(null);
  const [confirmation, setConfirmation] = useState<PendingConfirmation | null>(null);
  const form = useApiForm<ChecklistData>({
    url: apiUrl,
    method: "PUT",
    fieldErrorsToast: true,
    onSuccess: (next) => {
      setData(next);
      setForms(formsOf(next));
      setConflict(null);
      setConfirmation(null);
    },
    // A 409 either asks to confirm (what completing would change) or says someone else saved first.
    onError: (error) => {
      if (!(error instanceof ApiError) || error.status !== 409) return false;
      const asked = confirmationOf(error.details);
      if (asked) setConfirmation(asked);
      else setConflict(error.message);
      return true;
    },
  });
  const onboarding = data.onboarding;
  if (!onboarding) return null;

  const canEdit = (step: ChecklistStep) => editable === "all" || (editable === "owner" && step.ownerEditable);

  function reload() {
    void form.submit(undefined, { method: "GET", key: "reload" });
  }

  function save(
    body: { steps?: Record<string, StepChange>; completeOnboarding?: boolean },
    key: string,
    success: string,
  ) {
    if (!onboarding) return;
    void form.submit({ version: onboarding.version, ...body }, { key, success });
  }

  function actionsFor(step: ChecklistStep) {
    const values = () => fromForm(step, forms[step.key] ?? {});
    return {
      setField: (name: string, value: unknown) =>
        setForms((current) => ({ ...current, [step.key]: { ...current[step.key], [name]: value } })),
      saveDraft: () =>
        save(
          { steps: { [step.key]: { action: "save_draft", values: values() } } },
          `${step.key}:draft`,
          `${step.title} saved as draft`,
        ),
      complete: (confirm?: boolean) =>
        save(
          { steps: { [step.key]: { action: "complete", values: values(), ...(confirm ? { confirm } : {}) } } },
          `${step.key}:complete`,
          `${step.title} completed`,
        ),
      cancelConfirmation: () => {
        // "Keep saved values": the form goes back to what it opened with (the tenant's saved values).
        if (confirmation?.reason === "confirm_changes")
          setForms((current) => ({ ...current, [step.key]: toForm(step) }));
        setConfirmation(null);
      },
      reload,
      setLogo: (logo: NonNullable<ChecklistData["logo"]>) => setData((current) => ({ ...current, logo })),
    };
  }

  return (
    <div className="flex flex-col gap-6">
      {conflict ? (
        <div
          role="alert"
          className="flex flex-wrap items-center justify-between gap-3 rounded-card border border-warn-600/30 bg-warn-50 px-4 py-3 text-sm text-warn-800"
        >
          <p>
            <strong>Someone else changed this checklist:</strong>{" "}
            {conflict.replace(/^Someone else changed this checklist\s*/, "")}
          </p>
          <Button variant="secondary" size="sm" onClick={reload} pending={form.pendingKey === "reload"}>
            <RefreshCw aria-hidden className="size-4" /> Reload
          </Button>
        </div>
      ) : null}

      <ProgressCard
        onboarding={onboarding}
        canCompleteOnboarding={props.canCompleteOnboarding}
        pending={form.pendingKey === "complete-onboarding"}
        onCompleteOnboarding={() =>
          save({ completeOnboarding: true }, "complete-onboarding", "Onboarding completed — the tenant is live")
        }
      />

      {onboarding.sections.map((section) => (
        <Card key={section.key} title={section.title}>
          <div className="flex flex-col divide-y divide-line">
            {section.steps.map((step) => (
              <ChecklistStepSection
                key={step.key}
                step={step}
                form={forms[step.key] ?? {}}
                errors={stepFieldErrors(form.errors, step.key)}
                editable={canEdit(step)}
                pending={form.pendingKey}
                confirmation={confirmation?.step === step.key ? confirmation : null}
                data={data}
                links={props}
                actions={actionsFor(step)}
              />
            ))}
          </div>
        </Card>
      ))}
    </div>
  );
}
