"use client";

import type { TaskRow } from "@pp/core/tasks/list-tasks";
import { useApiForm } from "@pp/ui/api-form";
import { Badge } from "@pp/ui/badge";
import { Button } from "@pp/ui/button";
import { formatDate } from "@pp/ui/format";
import clsx from "clsx";
import Link from "next/link";

/** Tasks with their owner, due date and client; Complete / Reopen in the row for staff who may write. */
export function TaskRows({
  tasks,
  canWrite,
  showClient,
  now,
}: {
  tasks: readonly TaskRow[];
  canWrite: boolean;
  showClient: boolean;
  /** The server's clock, so "overdue" reads the same on both sides. */
  now: string;
}) {
  const { submit, pending } = useApiForm({ method: "PATCH", refresh: true, fieldErrorsToast: true });
  return (
    <ul aria-label="Tasks" className="divide-y divide-slate-100 rounded-card border border-line bg-surface shadow-card">
      {tasks.map((task) => {
        const overdue = task.status === "open" && task.dueAt !== null && new Date(task.dueAt) < new Date(now);
        const done = task.status === "done";
        return (
          <li key={task.id} id={`task-${task.id}`} className="flex flex-wrap items-center gap-3 px-4 py-2.5 text-sm">
            <span className={clsx("min-w-48 flex-1", done ? "text-slate-400 line-through" : "text-slate-900")}>
              {task.title}
              {task.playbookRunId ? <span className="ml-2 text-xs text-slate-500">(playbook)</span> : null}
            </span>
            {showClient && task.tenantId ? (
              <Link href={`/provider/clients/${task.tenantId}/tasks`} className="text-slate-600 hover:underline">
                {task.tenantName}
              </Link>
            ) : null}
            <span className="w-32 text-slate-600">{task.ownerName ?? "Unassigned"}</span>
            <span className={clsx("w-28", overdue ? "font-medium text-danger-700" : "text-slate-600")}>
              {task.dueAt ? `${overdue ? "Overdue · " : ""}${formatDate(task.dueAt)}` : "No due date"}
            </span>
            {done ? <Badge tone="success">Done</Badge> : null}
            {canWrite ? (
              <Button
                size="sm"
                variant={done ? "ghost" : "secondary"}
                disabled={pending}
                aria-label={`${done ? "Reopen" : "Complete"} ${task.title}`}
                onClick={() =>
                  void submit(
                    { status: done ? "open" : "done" },
                    {
                      url: `/api/provider/tasks/${task.id}`,
                      success: `${done ? "Reopened" : "Completed"}: ${task.title}`,
                    },
                  )
                }
              >
                {done ? "Reopen" : "Complete"}
              </Button>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
