"use client";

import type { ClientPlaybook } from "@pp/core/playbooks/get-client-playbooks";
import { useApiForm } from "@pp/ui/api-form";
import { Badge } from "@pp/ui/badge";
import { Button } from "@pp/ui/button";

/** Each playbook: its progress when running, why it is suggested, and one-click Start. */
export function PlaybookCards({
  tenantId,
  playbooks,
  canStart,
}: {
  tenantId: string;
  playbooks: readonly ClientPlaybook[];
  canStart: boolean;
}) {
  const { submit, pending } = useApiForm<{ taskIds: string[] }>({
    url: `/api/provider/tenants/${tenantId}/playbooks`,
    idempotent: true,
    refresh: true,
    fieldErrorsToast: true,
  });
  return (
    <ul className="grid gap-3 md:grid-cols-3">
      {playbooks.map((playbook) => {
        const running = playbook.run?.status === "running";
        return (
          <li
            key={playbook.id}
            className="flex flex-col gap-2 rounded-lg border border-line p-3"
            aria-label={playbook.name}
          >
            <div className="flex items-center justify-between gap-2">
              <span className="text-sm font-semibold text-slate-900">{playbook.name}</span>
              {running ? (
                <Badge tone="brand">Running</Badge>
              ) : playbook.suggestion ? (
                <Badge tone="warn">Suggested</Badge>
              ) : null}
            </div>
            <p className="text-xs text-slate-500">{playbook.suggestion ?? playbook.description}</p>
            {playbook.run ? (
              <div>
                <div className="h-1.5 overflow-hidden rounded-full bg-slate-100" aria-hidden>
                  <div
                    className="h-full bg-brand-600"
                    style={{ width: `${playbook.run.total ? (100 * playbook.run.done) / playbook.run.total : 0}%` }}
                  />
                </div>
                <p className="mt-1 text-xs text-slate-600">
                  {playbook.run.status === "completed" ? "Completed: " : ""}
                  {playbook.run.done} of {playbook.run.total} tasks done
                </p>
              </div>
            ) : null}
            {canStart && !running ? (
              <Button
                size="sm"
                variant={playbook.suggestion ? "primary" : "secondary"}
                disabled={pending}
                className="mt-auto self-start"
                aria-label={`Start playbook ${playbook.name}`}
                onClick={() =>
                  void submit(
                    { playbookId: playbook.id },
                    { success: (result) => `${playbook.name} started: ${result.taskIds.length} tasks created` },
                  )
                }
              >
                Start playbook
              </Button>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
