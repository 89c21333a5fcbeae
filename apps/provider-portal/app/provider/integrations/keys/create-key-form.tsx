"use client";

import { API_KEY_SCOPE_DESCRIPTIONS, API_KEY_SCOPES } from "@pp/core/api-keys/api-key-scopes";
import { ApiKeyForm } from "@pp/ui/api-key-form";
import { Field, Input, Select } from "@pp/ui/field";
import { useState } from "react";

export type TenantOption = { id: string; name: string; slug: string };

const SCOPES = API_KEY_SCOPES.map((scope) => ({ scope, description: API_KEY_SCOPE_DESCRIPTIONS[scope] }));

/** Staff mint a key for any tenant: scopes, an optional expiry and an optional rate limit of its own. */
export function CreateKeyForm({ tenants, defaultTenantId }: { tenants: TenantOption[]; defaultTenantId?: string }) {
  const [tenantId, setTenantId] = useState(defaultTenantId ?? "");
  const [rateLimit, setRateLimit] = useState("");
  return (
    <ApiKeyForm
      url="/api/federation/keys"
      scopes={SCOPES}
      nameHint="Where it is used, e.g. “Zapier”"
      ready={tenantId !== ""}
      body={{ tenantId, rateLimitPerMinute: rateLimit.trim() === "" ? null : Number(rateLimit) }}
      onCreated={() => setRateLimit("")}
      leadingFields={(errors) => (
        <Field label="Tenant" htmlFor="key-tenantId" error={errors.tenantId} className="min-w-56 flex-1">
          <Select value={tenantId} onChange={(event) => setTenantId(event.target.value)}>
            <option value="">Choose a tenant…</option>
            {tenants.map((tenant) => (
              <option key={tenant.id} value={tenant.id}>
                {tenant.name} ({tenant.slug})
              </option>
            ))}
          </Select>
        </Field>
      )}
      trailingFields={(errors) => (
        <Field
          label="Rate limit override (optional)"
          htmlFor="key-rateLimitPerMinute"
          error={errors.rateLimitPerMinute}
          hint="Requests per minute for this key (1–100,000); empty = the tenant's limit"
          className="w-64"
        >
          <Input
            type="number"
            inputMode="numeric"
            min={1}
            max={100000}
            value={rateLimit}
            onChange={(event) => setRateLimit(event.target.value)}
          />
        </Field>
      )}
    />
  );
}
