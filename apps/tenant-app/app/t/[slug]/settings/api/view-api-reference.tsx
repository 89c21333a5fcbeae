"use client";

import { recordFeatureUse } from "@pp/ui/record-feature-use";
import { useEffect } from "react";

/** Counts one `ViewApiReference` per visit to the reference page. */
export function ViewApiReference({ tenantSlug }: { tenantSlug: string }) {
  useEffect(() => {
    recordFeatureUse("ViewApiReference", undefined, { tenantSlug });
  }, [tenantSlug]);
  return null;
}
