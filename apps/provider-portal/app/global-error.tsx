"use client";

import { ErrorState } from "@pp/ui/error-state";
import "./globals.css";

// The last resort when the root layout itself fails: it must render its own html and body.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-canvas px-4 py-16 text-ink">
        <ErrorState reference={error.digest} onRetry={reset} />
      </body>
    </html>
  );
}
