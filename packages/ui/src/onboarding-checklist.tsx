"use client";

import clsx from "clsx";
import { CheckCircle2, RefreshCw } from "lucide-react";
import { type ReactNode, useState } from "react";
import { ApiError, callApi, describeFailure, type FieldErrors } from "./api-client";
import { Badge, StatusBadge } from "./badge";
import { Button } from "./button";
import { Card } from "./card";
import { Field, Input, Select, Textarea } from "./field";
import { formatDateTime } from "./format";
import { toast } from "./toaster";

// The onboarding checklist editor shared by the Provider Portal (staff, every step) and the tenant app
// (owner, their own steps). It renders each step's form from the template's field descriptors.

export type ChecklistField = {
  label: string;
  kind: "text" | "email" | "url" | "date" | "number" | "color" | "password" | "boolean" | "select" | "lines" | "hours";
  hint?: string;
  options?: { value: string; label: string }[];
  defaultValue?: unknown;
};

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
  /** POST → `{ authorizeUrl }`; enables "Connect QuickBooks" on the QuickBooks step. */
  quickbooksAuthorizeUrl?: string;
};

const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
const INTEGRATION_OF_STEP: Record<string, string> = {
  email_integration: "email",
  calendar_integration: "calendar",
  quickbooks_integration: "quickbooks",
};

type FormValues = Record<string, unknown>;
type Hours = Record<string, { open: string; close: string } | null>;

/** Stored values → form state: defaults for untouched steps, lists as one line each. */
function toForm(step: ChecklistStep): FormValues {
  const form: FormValues = {};
  const untouched = step.state.status === "not_started";
  for (const [name, field] of Object.entries(step.fields)) {
    const stored = untouched ? field.defaultValue : step.state.values[name];
    if (field.kind === "lines")
      form[name] = Array.isArray(stored) ? stored.join("\n") : typeof stored === "string" ? stored : "";
    else if (field.kind === "boolean") form[name] = stored === true;
    else if (field.kind === "hours") form[name] = stored && typeof stored === "object" ? stored : {};
    else form[name] = stored === undefined || stored === null ? "" : stored;
  }
  return form;
}

/** Form state → the values the API validates. */
function fromForm(step: ChecklistStep, form: FormValues): FormValues {
  const values: FormValues = {};
  for (const [name, field] of Object.entries(step.fields)) {
    const value = form[name];
    if (field.kind === "lines") {
      values[name] = String(value ?? "")
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean);
    } else if (field.kind === "number") {
      values[name] = value === "" || value === undefined ? undefined : Number(value);
    } else if (field.kind === "hours") {
      const hours = (value ?? {}) as Hours;
      values[name] = Object.fromEntries(WEEKDAYS.map((day) => [day, hours[day] ?? null]));
    } else {
      values[name] = value;
    }
  }
  return values;
}

function stepFieldErrors(errors: FieldErrors, stepKey: string): Record<string, string> {
  const prefix = `steps.${stepKey}.values.`;
  const result: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    if (!path.startsWith(prefix)) continue;
    const field = path.slice(prefix.length).split(".")[0] ?? "";
    result[field] ??= message;
  }
  return result;
}

export function OnboardingChecklist({
  apiUrl,
  initial,
  editable,
  canCompleteOnboarding,
  integrationTestUrl,
  logoUrl,
  quickbooksAuthorizeUrl,
}: OnboardingChecklistProps) {
  const [data, setData] = useState(initial);
  const [forms, setForms] = useState<Record<string, FormValues>>(() => formsOf(initial));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [conflict, setConflict] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const onboarding = data.onboarding;
  if (!onboarding) return null;

  const steps = onboarding.sections.flatMap((section) => section.steps);
  const completedSteps = steps.filter((step) => step.state.status === "completed").length;
  const canEdit = (step: ChecklistStep) => editable === "all" || (editable === "owner" && step.ownerEditable);

  function replace(next: ChecklistData) {
    setData(next);
    setForms(formsOf(next));
  }

  async function reload() {
    setPending("reload");
    try {
      replace(await callApi<ChecklistData>(apiUrl, { method: "GET" }));
      setConflict(null);
      setErrors({});
    } catch (error) {
      toast.error(describeFailure(error));
    } finally {
      setPending(null);
    }
  }

  async function save(
    body: {
      steps?: Record<string, { action: "save_draft" | "complete"; values: FormValues }>;
      completeOnboarding?: boolean;
    },
    pendingKey: string,
    success: string,
  ) {
    if (!onboarding) return;
    setPending(pendingKey);
    setErrors({});
    try {
      replace(await callApi<ChecklistData>(apiUrl, { method: "PUT", body: { version: onboarding.version, ...body } }));
      toast.success(success);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) setConflict(error.message);
      else if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) {
        setErrors(error.fieldErrors);
        toast.error(error.message);
      } else toast.error(describeFailure(error));
    } finally {
      setPending(null);
    }
  }

  function setField(stepKey: string, name: string, value: unknown) {
    setForms((current) => ({ ...current, [stepKey]: { ...current[stepKey], [name]: value } }));
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
          <Button variant="secondary" size="sm" onClick={reload} pending={pending === "reload"}>
            <RefreshCw aria-hidden className="size-4" /> Reload
          </Button>
        </div>
      ) : null}

      <Card title="Progress" description="Readiness is the weighted share of required steps completed.">
        <div className="flex flex-wrap items-center gap-6">
          <div className="min-w-64 flex-1">
            <div className="mb-1 flex justify-between text-xs text-slate-600">
              <span>
                {completedSteps} of {steps.length} steps complete
              </span>
              <span data-testid="readiness-score">Readiness {onboarding.readinessScore}%</span>
            </div>
            <div
              role="progressbar"
              aria-label="Readiness"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={onboarding.readinessScore}
              className="h-2.5 overflow-hidden rounded-full bg-slate-100"
            >
              <div className="h-full rounded-full bg-brand-600" style={{ width: `${onboarding.readinessScore}%` }} />
            </div>
          </div>
          <StatusBadge status={onboarding.status} />
          {onboarding.timeToLive ? (
            <span className="text-sm text-slate-700" data-testid="time-to-live">
              Live {formatDateTime(onboarding.goLiveAt)} · time to live {onboarding.timeToLive.days} d{" "}
              {onboarding.timeToLive.hours} h
            </span>
          ) : null}
          {canCompleteOnboarding && onboarding.status !== "completed" ? (
            <Button
              onClick={() =>
                save({ completeOnboarding: true }, "complete-onboarding", "Onboarding completed — the tenant is live")
              }
              pending={pending === "complete-onboarding"}
              disabled={onboarding.openRequiredSteps.length > 0}
              title={
                onboarding.openRequiredSteps.length > 0
                  ? `Open required steps: ${onboarding.openRequiredSteps.map((step) => step.title).join(", ")}`
                  : undefined
              }
            >
              <CheckCircle2 aria-hidden className="size-4" /> Complete onboarding
            </Button>
          ) : null}
        </div>
        {onboarding.openRequiredSteps.length > 0 && onboarding.status !== "completed" ? (
          <p className="mt-3 text-xs text-slate-500">
            Still open: {onboarding.openRequiredSteps.map((step) => step.title).join(", ")}
          </p>
        ) : null}
      </Card>

      {onboarding.sections.map((section) => (
        <Card key={section.key} title={section.title}>
          <div className="flex flex-col divide-y divide-line">
            {section.steps.map((step) => {
              const form = forms[step.key] ?? {};
              const fieldErrors = stepFieldErrors(errors, step.key);
              const editableStep = canEdit(step);
              const integrationKind = INTEGRATION_OF_STEP[step.key];
              const integration = data.integrations.find((item) => item.kind === integrationKind);
              return (
                <section
                  key={step.key}
                  aria-labelledby={`${step.key}-title`}
                  className="py-4 first:pt-0 last:pb-0"
                  data-step={step.key}
                >
                  <header className="mb-3 flex flex-wrap items-center gap-2">
                    <h3 id={`${step.key}-title`} className="text-sm font-semibold text-slate-900">
                      {step.title}
                    </h3>
                    <Badge tone={step.required ? "brand" : "neutral"}>{step.required ? "Required" : "Optional"}</Badge>
                    <StatusBadge status={step.state.status} />
                    {step.state.completedAt ? (
                      <span className="text-xs text-slate-500">
                        by {step.state.completedBy} · {formatDateTime(step.state.completedAt)}
                      </span>
                    ) : null}
                    {integration ? (
                      <span className="text-xs text-slate-500">
                        Integration: <StatusBadge status={integration.status} />
                        {integration.lastError ? ` — ${integration.lastError}` : ""}
                      </span>
                    ) : null}
                  </header>
                  <fieldset disabled={!editableStep} className="grid gap-4 sm:grid-cols-2">
                    {Object.entries(step.fields).map(([name, field]) => (
                      <StepField
                        key={name}
                        id={`${step.key}-${name}`}
                        field={field}
                        value={form[name]}
                        error={fieldErrors[name]}
                        onChange={(value) => setField(step.key, name, value)}
                      />
                    ))}
                  </fieldset>
                  {step.key === "branding" && logoUrl ? (
                    <LogoUpload
                      url={logoUrl}
                      logo={data.logo ?? null}
                      editable={editableStep}
                      onUploaded={(logo) => setData((current) => ({ ...current, logo }))}
                    />
                  ) : null}
                  {editableStep ? (
                    <div className="mt-3 flex flex-wrap gap-2">
                      <Button
                        variant="secondary"
                        size="sm"
                        pending={pending === `${step.key}:draft`}
                        onClick={() =>
                          save(
                            { steps: { [step.key]: { action: "save_draft", values: fromForm(step, form) } } },
                            `${step.key}:draft`,
                            `${step.title} saved as draft`,
                          )
                        }
                      >
                        Save draft
                      </Button>
                      <Button
                        size="sm"
                        pending={pending === `${step.key}:complete`}
                        onClick={() =>
                          save(
                            { steps: { [step.key]: { action: "complete", values: fromForm(step, form) } } },
                            `${step.key}:complete`,
                            `${step.title} completed`,
                          )
                        }
                      >
                        Mark step complete
                      </Button>
                      {integrationTestUrl &&
                      integrationKind &&
                      integration &&
                      integration.status !== "not_configured" &&
                      integrationKind !== "quickbooks" ? (
                        <IntegrationTest
                          url={`${integrationTestUrl}/${integrationKind}/test`}
                          kind={integrationKind}
                          onDone={reload}
                        />
                      ) : null}
                      {quickbooksAuthorizeUrl &&
                      integrationKind === "quickbooks" &&
                      integration &&
                      integration.status !== "not_configured" ? (
                        <ConnectQuickbooks
                          url={quickbooksAuthorizeUrl}
                          connected={integration.status === "connected"}
                        />
                      ) : null}
                    </div>
                  ) : (
                    <p className="mt-3 text-xs text-slate-500">Your onboarding specialist completes this step.</p>
                  )}
                </section>
              );
            })}
          </div>
        </Card>
      ))}
    </div>
  );
}

function formsOf(data: ChecklistData): Record<string, FormValues> {
  const steps = data.onboarding?.sections.flatMap((section) => section.steps) ?? [];
  return Object.fromEntries(steps.map((step) => [step.key, toForm(step)]));
}

function StepField({
  id,
  field,
  value,
  error,
  onChange,
}: {
  id: string;
  field: ChecklistField;
  value: unknown;
  error?: string;
  onChange: (value: unknown) => void;
}) {
  const invalid = error ? true : undefined;
  const describedBy = error ? `${id}-error` : undefined;
  if (field.kind === "boolean") {
    return (
      <div className="flex flex-col gap-1 sm:col-span-2">
        <label htmlFor={id} className="flex items-center gap-2 text-sm text-slate-800">
          <input
            id={id}
            type="checkbox"
            className="size-4 rounded border-slate-300"
            checked={value === true}
            onChange={(event) => onChange(event.target.checked)}
            aria-invalid={invalid}
            aria-describedby={describedBy}
          />
          {field.label}
        </label>
        {field.hint?.startsWith("http") ? (
          <a href={field.hint} target="_blank" rel="noreferrer" className="ml-6 text-xs text-brand-700 underline">
            {field.hint}
          </a>
        ) : null}
        {error ? (
          <p id={`${id}-error`} role="alert" className="ml-6 text-xs text-danger-700">
            {error}
          </p>
        ) : null}
      </div>
    );
  }
  if (field.kind === "hours") {
    const hours = (value ?? {}) as Hours;
    return (
      <Field label={field.label} htmlFor={`${id}-monday`} error={error} className="sm:col-span-2">
        <div className="grid gap-2">
          {WEEKDAYS.map((day) => {
            const today = hours[day] ?? null;
            return (
              <div key={day} className="flex flex-wrap items-center gap-2 text-sm">
                <label className="flex w-32 items-center gap-2 capitalize">
                  <input
                    id={`${id}-${day}`}
                    type="checkbox"
                    className="size-4"
                    checked={today !== null}
                    onChange={(event) =>
                      onChange({ ...hours, [day]: event.target.checked ? { open: "08:00", close: "17:00" } : null })
                    }
                  />
                  {day}
                </label>
                {today ? (
                  <>
                    <Input
                      aria-label={`${day} opens`}
                      type="time"
                      className="w-32"
                      value={today.open}
                      onChange={(event) => onChange({ ...hours, [day]: { ...today, open: event.target.value } })}
                    />
                    <span>–</span>
                    <Input
                      aria-label={`${day} closes`}
                      type="time"
                      className="w-32"
                      value={today.close}
                      onChange={(event) => onChange({ ...hours, [day]: { ...today, close: event.target.value } })}
                    />
                  </>
                ) : (
                  <span className="text-slate-500">Closed</span>
                )}
              </div>
            );
          })}
        </div>
      </Field>
    );
  }
  const common = {
    id,
    "aria-invalid": invalid,
    "aria-describedby": describedBy ?? (field.hint ? `${id}-hint` : undefined),
  };
  let control: ReactNode;
  if (field.kind === "select") {
    control = (
      <Select {...common} value={String(value ?? "")} onChange={(event) => onChange(event.target.value)}>
        <option value="">Choose…</option>
        {field.options?.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    );
  } else if (field.kind === "lines") {
    control = (
      <Textarea {...common} rows={5} value={String(value ?? "")} onChange={(event) => onChange(event.target.value)} />
    );
  } else if (field.kind === "color") {
    const colour = String(value ?? "");
    control = (
      <div className="flex items-center gap-2">
        <Input {...common} placeholder="#1d4ed8" value={colour} onChange={(event) => onChange(event.target.value)} />
        <span
          aria-hidden
          className={clsx(
            "size-8 shrink-0 rounded-md ring-1 ring-slate-300",
            !/^#[0-9a-f]{6}$/i.test(colour) && "bg-slate-100",
          )}
          style={/^#[0-9a-f]{6}$/i.test(colour) ? { backgroundColor: colour } : undefined}
        />
      </div>
    );
  } else {
    const type = field.kind === "password" ? "password" : field.kind === "text" ? "text" : field.kind;
    control = (
      <Input
        {...common}
        type={type}
        autoComplete={field.kind === "password" ? "new-password" : "off"}
        value={String(value ?? "")}
        onChange={(event) => onChange(event.target.value)}
      />
    );
  }
  return (
    <Field label={field.label} htmlFor={id} error={error} hint={field.hint}>
      {control}
    </Field>
  );
}

function IntegrationTest({ url, kind, onDone }: { url: string; kind: string; onDone: () => void }) {
  const [to, setTo] = useState("");
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);

  async function run() {
    setPending(true);
    try {
      const outcome = await callApi<{ ok: boolean; message: string }>(url, {
        method: "POST",
        body: kind === "email" && to ? { to } : {},
      });
      setResult(outcome);
      onDone();
    } catch (error) {
      setResult({ ok: false, message: describeFailure(error) });
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      {kind === "email" ? (
        <Input
          aria-label="Send the test email to"
          placeholder="Send test to (default: you)"
          className="w-64"
          type="email"
          value={to}
          onChange={(event) => setTo(event.target.value)}
        />
      ) : null}
      <Button variant="secondary" size="sm" onClick={run} pending={pending}>
        {kind === "email" ? "Send test email" : "Check calendar feed"}
      </Button>
      {result ? (
        <span role="status" className={clsx("text-xs", result.ok ? "text-success-700" : "text-danger-700")}>
          {result.message}
        </span>
      ) : null}
    </div>
  );
}

const LOGO_TYPES = ["image/png", "image/jpeg", "image/webp"];
const LOGO_MAX_BYTES = 512 * 1024;

/** The Branding step's logo: the current one, and (when editable) a file picker that uploads at once. */
function LogoUpload({
  url,
  logo,
  editable,
  onUploaded,
}: {
  url: string;
  logo: { sha256: string; contentType: string; byteSize: number } | null;
  editable: boolean;
  onUploaded: (logo: { sha256: string; contentType: string; byteSize: number }) => void;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function upload(file: File) {
    setError(null);
    // The server checks the bytes; these two checks only save a pointless upload.
    if (file.size > LOGO_MAX_BYTES)
      return setError(`The logo is larger than 512 KB (${Math.ceil(file.size / 1024)} KB)`);
    if (!LOGO_TYPES.includes(file.type)) return setError("The logo must be a PNG, JPEG or WebP image");
    setPending(true);
    try {
      const response = await fetch(url, { method: "POST", headers: { "content-type": file.type }, body: file });
      const body: unknown = await response.json().catch(() => undefined);
      if (!response.ok) {
        const message =
          body && typeof body === "object" && "error" in body && body.error && typeof body.error === "object"
            ? String((body.error as { message?: unknown }).message ?? "")
            : "";
        setError(message || `The upload failed (${response.status}) — try again`);
        return;
      }
      onUploaded(body as { sha256: string; contentType: string; byteSize: number });
      toast.success("Logo uploaded");
    } catch {
      setError("Could not reach the server — check your connection and try again");
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="mt-4 flex flex-wrap items-center gap-4" data-testid="logo-upload">
      <div className="flex h-16 w-40 items-center justify-center rounded-md bg-slate-50 ring-1 ring-slate-200">
        {logo ? (
          // biome-ignore lint/performance/noImgElement: a same-origin API image, already sized and cached by hash
          <img
            src={`${url}?v=${logo.sha256.slice(0, 16)}`}
            alt="Current logo"
            className="max-h-14 max-w-36 object-contain"
          />
        ) : (
          <span className="text-xs text-slate-500">No logo yet</span>
        )}
      </div>
      {editable ? (
        <Field
          label={logo ? "Replace logo" : "Logo"}
          htmlFor="branding-logo"
          error={error ?? undefined}
          hint="PNG, JPEG or WebP, up to 512 KB; shown in the app header"
        >
          <input
            id="branding-logo"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            disabled={pending}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "branding-logo-error" : "branding-logo-hint"}
            className="text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-200"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = "";
              if (file) void upload(file);
            }}
          />
        </Field>
      ) : null}
    </div>
  );
}

/** Starts Intuit's authorization: the server stores a short-lived state and answers with where to go. */
function ConnectQuickbooks({ url, connected }: { url: string; connected: boolean }) {
  const [pending, setPending] = useState(false);
  async function connect() {
    setPending(true);
    try {
      const { authorizeUrl } = await callApi<{ authorizeUrl: string }>(url, { method: "POST" });
      window.location.assign(authorizeUrl);
    } catch (error) {
      toast.error(describeFailure(error));
      setPending(false);
    }
  }
  return (
    <Button variant="secondary" size="sm" onClick={connect} pending={pending}>
      {connected ? "Reconnect QuickBooks" : "Connect QuickBooks"}
    </Button>
  );
}
