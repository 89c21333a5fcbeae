"use client";

import { ErrorState } from "@pp/ui/error-state";

// Anything a tenant page throws that is not a 404 lands here, inside the shell: retry or contact support.
export default function TenantError({ error, retry }: { error: unknown; retry: () => void }) {
  const reference =
    error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : undefined;
  return (
    <ErrorState
      message="This page could not load. Retry — if it keeps failing, contact support and quote the reference below."
      reference={reference}
      onRetry={retry}
    />
  );
}
