"use client";

import { Button } from "@pp/ui/button";
import { useApiAction } from "../use-api-action";

export function RecomputeButton({ tenantId }: { tenantId: string }) {
  const { run, pending } = useApiAction();
  return (
    <Button
      size="sm"
      variant="secondary"
      disabled={pending}
      onClick={() =>
        void run<{ score: number }>(
          { url: `/api/provider/tenants/${tenantId}/health`, method: "POST" },
          (health) => `Health score recomputed: ${health.score}`,
        )
      }
    >
      {pending ? "Recomputing…" : "Recompute now"}
    </Button>
  );
}
