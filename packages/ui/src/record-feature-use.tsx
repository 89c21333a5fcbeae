"use client";

import type { BrowserFeatureKey } from "@pp/db/feature-keys";
import type { ReactNode } from "react";

/**
 * Counts a feature use only the browser sees (a CSV download, opening the command palette):
 * fire-and-forget, `keepalive` so it survives a navigation, never throws, never delays the UI.
 * The portal posts to /api/provider/usage/feature; the tenant app to /api/t/<slug>/usage/feature
 * (pass `tenantSlug`). The server accepts only registered browser keys (core/usage/feature-keys.ts).
 */
export function recordFeatureUse(
  featureKey: BrowserFeatureKey,
  metadata?: Record<string, unknown>,
  options: { tenantSlug?: string } = {},
): void {
  const url = options.tenantSlug
    ? `/api/t/${encodeURIComponent(options.tenantSlug)}/usage/feature`
    : "/api/provider/usage/feature";
  try {
    void fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ featureKey, ...(metadata ? { metadata } : {}) }),
      credentials: "same-origin",
      keepalive: true,
    }).catch(() => undefined);
  } catch {
    // Counting a use must never break the action it counts.
  }
}

/** A CSV download link that counts an `ExportCsv` use (with `what`) when clicked. */
export function ExportCsvLink({
  href,
  what,
  className,
  tenantSlug,
  children,
}: {
  href: string;
  /** Which export, e.g. "audit-log"; kept in the feature use's metadata. */
  what: string;
  className?: string;
  tenantSlug?: string;
  children: ReactNode;
}) {
  return (
    <a
      href={href}
      download
      className={className}
      onClick={() => recordFeatureUse("ExportCsv", { export: what }, { tenantSlug })}
    >
      {children}
    </a>
  );
}
