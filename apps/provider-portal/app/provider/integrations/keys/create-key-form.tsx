"use client";

import { API_KEY_SCOPE_DESCRIPTIONS, API_KEY_SCOPES, type ApiKeyScope } from "@pp/core/api-keys/api-key-scopes";
import { ApiError, callApi, describeFailure, type FieldErrors } from "@pp/ui/api-client";
import { type NewKey, NewKeyReveal } from "@pp/ui/api-key-reveal";
import { Button } from "@pp/ui/button";
import { Field, Input, Select } from "@pp/ui/field";
import { toast } from "@pp/ui/toaster";
import { KeyRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";

export type TenantOption = { id: string; name: string; slug: string };

/** Staff mint a key for any tenant: scopes, an optional expiry and an optional rate limit of its own. */
export function CreateKeyForm({ tenants, defaultTenantId }: { tenants: TenantOption[]; defaultTenantId?: string }) {
  const router = useRouter();
  const [tenantId, setTenantId] = useState(defaultTenantId ?? "");
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiKeyScope[]>(["leads:read"]);
  const [expiresAt, setExpiresAt] = useState("");
  const [rateLimit, setRateLimit] = useState("");
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
      const key = await callApi<NewKey>("/api/federation/keys", {
        method: "POST",
        body: {
          tenantId,
          name,
          scopes,
          expiresAt: expiresAt || null,
          rateLimitPerMinute: rateLimit.trim() === "" ? null : Number(rateLimit),
        },
        idempotencyKey: crypto.randomUUID(),
      });
      setCreated(key);
      setName("");
      setExpiresAt("");
      setRateLimit("");
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
        <Field label="Tenant" htmlFor="key-tenantId" error={errors.tenantId} className="min-w-56 flex-1">
          <Select
            id="key-tenantId"
            value={tenantId}
            onChange={(event) => setTenantId(event.target.value)}
            {...invalid("tenantId")}
          >
            <option value="">Choose a tenant…</option>
            {tenants.map((tenant) => (
              <option key={tenant.id} value={tenant.id}>
                {tenant.name} ({tenant.slug})
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="Key name"
          htmlFor="key-name"
          error={errors.name}
          hint="Where it is used, e.g. “Zapier”"
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
        <Field
          label="Rate limit override (optional)"
          htmlFor="key-rateLimitPerMinute"
          error={errors.rateLimitPerMinute}
          hint="Requests per minute for this key (1–100,000); empty = the tenant's limit"
          className="w-64"
        >
          <Input
            id="key-rateLimitPerMinute"
            type="number"
            inputMode="numeric"
            min={1}
            max={100000}
            value={rateLimit}
            onChange={(event) => setRateLimit(event.target.value)}
            {...invalid("rateLimitPerMinute")}
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
      <Button type="submit" pending={pending} disabled={tenantId === "" || name.trim() === "" || scopes.length === 0}>
        {pending ? null : <KeyRound aria-hidden className="size-4" />}
        Create key
      </Button>
    </form>
  );
}
