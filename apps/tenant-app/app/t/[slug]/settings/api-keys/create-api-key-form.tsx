"use client";

import { API_KEY_SCOPE_DESCRIPTIONS, API_KEY_SCOPES, type ApiKeyScope } from "@pp/core/api-keys/api-key-scopes";
import { ApiError, callApi, describeFailure, type FieldErrors } from "@pp/ui/api-client";
import { type NewKey, NewKeyReveal } from "@pp/ui/api-key-reveal";
import { Button } from "@pp/ui/button";
import { Field, Input } from "@pp/ui/field";
import { toast } from "@pp/ui/toaster";
import { KeyRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";

/** Owners mint a key for their own workspace: a name, scopes and an optional expiry. */
export function CreateApiKeyForm({ slug }: { slug: string }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiKeyScope[]>(["leads:read"]);
  const [expiresAt, setExpiresAt] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<NewKey | null>(null);

  function toggle(scope: ApiKeyScope, on: boolean) {
    setScopes((current) => (on ? [...current, scope] : current.filter((value) => value !== scope)));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setErrors({});
    try {
      const key = await callApi<NewKey>(`/api/t/${slug}/api-keys`, {
        method: "POST",
        body: { name, scopes, expiresAt: expiresAt || null },
        idempotencyKey: crypto.randomUUID(),
      });
      setCreated(key);
      setName("");
      setExpiresAt("");
      router.refresh();
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) setErrors(error.fieldErrors);
      else toast.error(describeFailure(error));
    } finally {
      setPending(false);
    }
  }

  if (created) return <NewKeyReveal created={created} onDone={() => setCreated(null)} />;
  const invalid = (field: string) =>
    errors[field] ? { "aria-invalid": true, "aria-describedby": `key-${field}-error` } : {};
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <div className="flex flex-wrap items-start gap-3">
        <Field
          label="Key name"
          htmlFor="key-name"
          error={errors.name}
          hint="Where it is used, e.g. “Website form”"
          className="min-w-56 flex-1"
        >
          <Input
            id="key-name"
            autoComplete="off"
            value={name}
            maxLength={100}
            onChange={(event) => setName(event.target.value)}
            {...invalid("name")}
          />
        </Field>
        <Field
          label="Expires (optional)"
          htmlFor="key-expiresAt"
          error={errors.expiresAt}
          hint="Works through that day (UTC); at most 2 years"
          className="w-52"
        >
          <Input
            id="key-expiresAt"
            type="date"
            value={expiresAt}
            onChange={(event) => setExpiresAt(event.target.value)}
            {...invalid("expiresAt")}
          />
        </Field>
      </div>
      <fieldset>
        <legend className="text-xs font-medium text-slate-700">Scopes</legend>
        <div className="mt-1.5 flex flex-wrap gap-x-6 gap-y-2">
          {API_KEY_SCOPES.map((scope) => (
            <label key={scope} className="flex items-start gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                className="mt-0.5 size-4 rounded border-slate-300"
                checked={scopes.includes(scope)}
                onChange={(event) => toggle(scope, event.target.checked)}
              />
              <span>
                <code className="font-mono text-xs">{scope}</code>
                <span className="block text-xs text-slate-500">{API_KEY_SCOPE_DESCRIPTIONS[scope]}</span>
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
      <Button type="submit" pending={pending} disabled={name.trim() === "" || scopes.length === 0}>
        {pending ? null : <KeyRound aria-hidden className="size-4" />}
        Create key
      </Button>
    </form>
  );
}
