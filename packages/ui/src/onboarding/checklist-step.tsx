"use client";

import { Badge, StatusBadge } from "../badge";
import { Button } from "../button";
import { formatDateTime } from "../format";
import type { ChecklistData, ChecklistStep, FormValues, LogoLimits, PendingConfirmation } from "./checklist-types";
import { ConfirmPanel } from "./confirm-panel";
import { ConnectQuickbooks } from "./connect-quickbooks";
import { IntegrationTest } from "./integration-test";
import { LogoUpload } from "./logo-upload";
import { StepField } from "./step-field";

const INTEGRATION_OF_STEP: Record<string, string> = {
  email_integration: "email",
  calendar_integration: "calendar",
  quickbooks_integration: "quickbooks",
};

export type StepActions = {
  setField: (name: string, value: unknown) => void;
  saveDraft: () => void;
  complete: (confirm?: boolean) => void;
  cancelConfirmation: () => void;
  reload: () => void;
  setLogo: (logo: NonNullable<ChecklistData["logo"]>) => void;
};

/** One step: its state, its form, and save draft / mark complete (with the confirmation when asked). */
export function ChecklistStepSection({
  step,
  form,
  errors,
  editable,
  pending,
  confirmation,
  data,
  links,
  actions,
}: {
  step: ChecklistStep;
  form: FormValues;
  errors: Record<string, string>;
  editable: boolean;
  pending: string | null;
  confirmation: PendingConfirmation | null;
  data: ChecklistData;
  links: { integrationTestUrl?: string; logoUrl?: string; quickbooksAuthorizeUrl?: string; logoLimits?: LogoLimits };
  actions: StepActions;
}) {
  const integrationKind = INTEGRATION_OF_STEP[step.key];
  const integration = data.integrations.find((item) => item.kind === integrationKind);
  const configured = integration && integration.status !== "not_configured";
  return (
    <section aria-labelledby={`${step.key}-title`} className="py-4 first:pt-0 last:pb-0" data-step={step.key}>
      <header className="mb-3 flex flex-wrap items-center gap-2">
        <h3 id={`${step.key}-title`} className="text-sm font-semibold text-slate-900">
          {step.title}
        </h3>
        <Badge tone={step.required ? "brand" : "neutral"}>{step.required ? "Required" : "Optional"}</Badge>
        <StatusBadge status={step.state.status} />
        {step.state.completedAt ? (
          <span className="text-xs text-slate-600">
            by {step.state.completedBy} · {formatDateTime(step.state.completedAt)}
          </span>
        ) : null}
        {integration ? (
          <span className="text-xs text-slate-600">
            Integration: <StatusBadge status={integration.status} />
            {integration.lastError ? ` — ${integration.lastError}` : ""}
          </span>
        ) : null}
      </header>
      {step.prefilled.length > 0 && step.state.status !== "completed" ? (
        <p className="-mt-1 mb-3 text-xs text-slate-600" data-testid="prefilled-note">
          Opened with what is already saved ({step.prefilled.map((name) => step.fields[name]?.label ?? name).join(", ")}
          ). Completing it unchanged changes nothing; a change is shown for confirmation first.
        </p>
      ) : null}
      <fieldset disabled={!editable || confirmation !== null} className="grid min-w-0 gap-4 sm:grid-cols-2">
        {Object.entries(step.fields).map(([name, field]) => (
          <StepField
            key={name}
            id={`${step.key}-${name}`}
            field={field}
            value={form[name]}
            error={errors[name]}
            onChange={(value) => actions.setField(name, value)}
          />
        ))}
      </fieldset>
      {step.key === "branding" && links.logoUrl && links.logoLimits ? (
        <LogoUpload
          url={links.logoUrl}
          limits={links.logoLimits}
          logo={data.logo ?? null}
          editable={editable}
          onUploaded={actions.setLogo}
        />
      ) : null}
      {confirmation ? (
        <ConfirmPanel
          confirmation={confirmation}
          stepTitle={step.title}
          pending={pending === `${step.key}:complete`}
          onConfirm={() => actions.complete(true)}
          onCancel={actions.cancelConfirmation}
        />
      ) : editable ? (
        <div className="mt-3 flex flex-wrap gap-2">
          <Button variant="secondary" size="sm" pending={pending === `${step.key}:draft`} onClick={actions.saveDraft}>
            Save draft
          </Button>
          <Button size="sm" pending={pending === `${step.key}:complete`} onClick={() => actions.complete()}>
            Mark step complete
          </Button>
          {links.integrationTestUrl && integrationKind && configured && integrationKind !== "quickbooks" ? (
            <IntegrationTest
              url={`${links.integrationTestUrl}/${integrationKind}/test`}
              kind={integrationKind}
              onDone={actions.reload}
            />
          ) : null}
          {links.quickbooksAuthorizeUrl && integrationKind === "quickbooks" && configured ? (
            <ConnectQuickbooks url={links.quickbooksAuthorizeUrl} connected={integration.status === "connected"} />
          ) : null}
        </div>
      ) : (
        <p className="mt-3 text-xs text-slate-600">Your onboarding specialist completes this step.</p>
      )}
    </section>
  );
}
