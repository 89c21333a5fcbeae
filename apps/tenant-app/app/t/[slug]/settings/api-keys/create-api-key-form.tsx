"use client";

import { API_KEY_SCOPE_DESCRIPTIONS, API_KEY_SCOPES } from "@pp/core/api-keys/api-key-scopes";
import { ApiKeyForm } from "@pp/ui/api-key-form";

const SCOPES = API_KEY_SCOPES.map((scope) => ({ scope, description: API_KEY_SCOPE_DESCRIPTIONS[scope] }));

/** Owners mint a key for their own workspace: a name, scopes and an optional expiry. */
export function CreateApiKeyForm({ slug }: { slug: string }) {
  return (
    <ApiKeyForm url={`/api/t/${slug}/api-keys`} scopes={SCOPES} nameHint="Where it is used, e.g. “Website form”" />
  );
}
