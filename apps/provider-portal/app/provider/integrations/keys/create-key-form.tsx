"use client";

import { API_KEY_SCOPE_DESCRIPTIONS, API_KEY_SCOPES } from "@pp/core/api-keys/api-key-scopes";
import { ApiKeyForm } from "@pp/ui/api-key-form";
import { ClientPicker, type ClientPickerOption } from "@pp/ui/client-picker";
import { Field, Input } from "@pp/ui/field";
import { useState } from "react";
import { CLIENT_SEARCH_URL } from "@/lib/client-search";

const SCOPES = API_KEY_SCOPES.map((scope) => ({ scope, description: API_KEY_SCOPE_DESCRIPTIONS[scope] }));

/** Staff mint a key for any tenant: scopes, an optional expiry and an optional rate limit of its own. */
export function CreateKeyForm({ defaultTenant }: { defaultTenant: ClientPickerOption | null }) {
  const [tenantId, setTenantId] = useState(defaultTenant?.id ?? "");
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
          {/* Churned tenants are left out: a key for them could never be used. */}
          <ClientPicker
            id="key-tenantId"
            searchUrl={CLIENT_SEARCH_URL}
            searchParams={{ active: "true" }}
            selected={defaultTenant}
            placeholder="Type a tenant's name or slug…"
            onChange={(tenant) => setTenantId(tenant?.id ?? "")}
            invalid={Boolean(errors.tenantId)}
          />
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
