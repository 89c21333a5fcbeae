"use client";

import { useApiForm } from "@pp/ui/api-form";
import { Button } from "@pp/ui/button";

export function RecomputeButton({ tenantId }: { tenantId: string }) {
  const { submit, pending } = useApiForm<{ score: number }>({
    url: `/api/provider/tenants/${tenantId}/health`,
    refresh: true,
    success: (health) => `Health score recomputed: ${health.score}`,
  });
  return (
    <Button size="sm" variant="secondary" disabled={pending} onClick={() => void submit()}>
      {pending ? "Recomputing…" : "Recompute now"}
    </Button>
  );
}
