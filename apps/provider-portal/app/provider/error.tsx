"use client";

import { ErrorState } from "@pp/ui/error-state";
import { useEffect } from "react";

// Any /provider page that throws lands here, inside the shell; the digest joins the server log line.
export default function ProviderError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="py-10">
      <ErrorState
        title="This page could not load"
        message="Something went wrong on our side. Retry — if it keeps failing, contact support and quote the reference."
        reference={error.digest}
        onRetry={reset}
      />
    </div>
  );
}
