"use client";

import { KeyRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, type ReactNode, useState } from "react";
import type { FieldErrors } from "./api-client";
import { useApiForm } from "./api-form";
import { type NewKey, NewKeyReveal } from "./api-key-reveal";
import { Button } from "./button";
import { Field, Input } from "./field";

export type ApiKeyScopeOption = { scope: string; description: string };

export type ApiKeyFormProps = {
  /** Where the key is minted (`POST`, idempotent). */
  url: string;
  /** The scopes a key may carry, with what each allows (from core's scope table). */
  scopes: ApiKeyScopeOption[];
  defaultScopes?: string[];
  /** The name field's example, e.g. “Zapier”. */
  nameHint: string;
  /**
   * Fields before the name that belong to one caller (the portal's tenant picker, its rate-limit
   * override): given the field errors, they return their controls; `body` adds their values.
   */
  leadingFields?: (errors: FieldErrors) => ReactNode;
  trailingFields?: (errors: FieldErrors) => ReactNode;
  body?: Record<string, unknown>;
  /** False while a caller's own required field is empty. */
  ready?: boolean;
  /** Clears the caller's own fields after a key is minted. */
  onCreated?: () => void;
};

/** Mint an API key: a name, scopes and an optional expiry, then show the whole key once. */
export function ApiKeyForm({
  url,
  scopes: options,
  defaultScopes = ["leads:read"],
  nameHint,
  leadingFields,
  trailingFields,
  body,
  ready = true,
  onCreated,
}: ApiKeyFormProps) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<string[]>(defaultScopes);
  const [expiresAt, setExpiresAt] = useState("");
  const [created, setCreated] = useState<NewKey | null>(null);
  const form = useApiForm<NewKey>({
    url,
    idempotent: true,
    onSuccess: (key) => {
      setCreated(key);
      setName("");
      setExpiresAt("");
      onCreated?.();
      router.refresh();
    },
  });
  const errors = form.errors;

  function toggle(scope: string, on: boolean) {
    setScopes((current) => (on ? [...current, scope] : current.filter((value) => value !== scope)));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void form.submit({ ...body, name, scopes, expiresAt: expiresAt || null });
  }

  if (created) return <NewKeyReveal created={created} onDone={() => setCreated(null)} />;
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <div className="flex flex-wrap items-start gap-3">
        {leadingFields?.(errors)}
        <Field label="Key name" htmlFor="key-name" error={errors.name} hint={nameHint} className="min-w-56 flex-1">
          <Input autoComplete="off" value={name} maxLength={100} onChange={(event) => setName(event.target.value)} />
        </Field>
        <Field
          label="Expires (optional)"
          htmlFor="key-expiresAt"
          error={errors.expiresAt}
          hint="Works through that day (UTC); at most 2 years"
          className="w-52"
        >
          <Input type="date" value={expiresAt} onChange={(event) => setExpiresAt(event.target.value)} />
        </Field>
        {trailingFields?.(errors)}
      </div>
      <fieldset>
        <legend className="text-xs font-medium text-slate-700">Scopes</legend>
        <div className="mt-1.5 flex flex-wrap gap-x-6 gap-y-2">
          {options.map(({ scope, description }) => (
            <label key={scope} className="flex items-start gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                className="mt-0.5 size-4 rounded border-slate-300"
                checked={scopes.includes(scope)}
                onChange={(event) => toggle(scope, event.target.checked)}
              />
              <span>
                <code className="font-mono text-xs">{scope}</code>
                <span className="block text-xs text-slate-500">{description}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.scopes ? (
          <p role="alert" className="mt-1 text-xs text-danger-700">
            {errors.scopes}
          </p>
        ) : null}
      </fieldset>
      <Button type="submit" pending={form.pending} disabled={!ready || name.trim() === "" || scopes.length === 0}>
        {form.pending ? null : <KeyRound aria-hidden className="size-4" />}
        Create key
      </Button>
    </form>
  );
}
