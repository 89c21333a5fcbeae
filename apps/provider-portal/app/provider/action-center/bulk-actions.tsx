"use client";

import type { ActionKind } from "@pp/core/action-center/buckets";
import { Button } from "@pp/ui/button";
import { ACTION_LABELS, BULK_ACTIONS, type Outcome, type QueueItem } from "./queue-item";

/** The toolbar over the queue: what is selected and the actions that apply to some of it (with counts). */
export function BulkActionsBar({
  chosen,
  running,
  onAction,
  onShowShortcuts,
}: {
  chosen: QueueItem[];
  running: boolean;
  onAction: (action: ActionKind, items: QueueItem[]) => void;
  onShowShortcuts: () => void;
}) {
  const actions = BULK_ACTIONS.filter((action) => chosen.some((item) => item.actions.includes(action)));
  return (
    <div
      role="toolbar"
      aria-label="Bulk actions"
      className="mb-3 flex min-h-9 flex-wrap items-center gap-2 text-sm text-slate-600"
    >
      {chosen.length === 0 ? (
        <span>
          Select rows for bulk actions (Space selects, j/k move).{" "}
          <button type="button" className="font-medium text-brand-700 underline" onClick={onShowShortcuts}>
            Keyboard shortcuts (?)
          </button>
        </span>
      ) : (
        <>
          <span className="font-medium text-slate-900">{chosen.length} selected</span>
          {actions.map((action) => (
            <Button
              key={action}
              size="sm"
              variant={action === "rejectDispute" ? "danger" : "secondary"}
              disabled={running}
              onClick={() => onAction(action, chosen)}
            >
              {ACTION_LABELS[action]} ({chosen.filter((item) => item.actions.includes(action)).length})
            </Button>
          ))}
        </>
      )}
    </div>
  );
}

/** Per-item results of a bulk action that partly failed, until dismissed. */
export function BulkResults({ outcomes, onDismiss }: { outcomes: Outcome[]; onDismiss: () => void }) {
  if (outcomes.length === 0) return null;
  return (
    <section
      aria-label="Bulk action results"
      className="mb-4 rounded-card border border-line bg-surface p-4 text-sm shadow-card"
    >
      <div className="mb-2 flex items-center justify-between">
        <h2 className="font-semibold text-slate-900">Results</h2>
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          Dismiss
        </Button>
      </div>
      <ul className="space-y-1">
        {outcomes.map((outcome) => (
          <li key={outcome.item.id} className={outcome.ok ? "text-success-700" : "text-danger-700"}>
            {outcome.ok ? "✓" : "✗"} {outcome.item.tenant?.name ?? "—"} · {outcome.item.title}: {outcome.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
