"use client";

import type { ActionBucket, ActionKind } from "@pp/core/action-center/buckets";
import { ApiError, describeFailure } from "@pp/ui/api-client";
import { toast } from "@pp/ui/toaster";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { ActionDialog, type PendingAction } from "./action-dialog";
import { BulkActionsBar, BulkResults } from "./bulk-actions";
import { EmptyQueue } from "./empty-queue";
import { performAction } from "./perform-action";
import { ACTION_LABELS, type Outcome, type QueueItem, type QueueRules, type StaffOption } from "./queue-item";
import { movedIndex, queueCommandFor } from "./queue-shortcuts";
import { QueueTable } from "./queue-table";
import { ShortcutsDialog } from "./shortcuts-dialog";

export type { QueueItem, QueueRules } from "./queue-item";

/** One toast for a run: the single result, "done for all", or how many failed. */
function announce(action: ActionKind, results: Outcome[]) {
  const failed = results.filter((result) => !result.ok);
  if (results.length === 1) {
    const [only] = results;
    if (only?.ok) toast.success(only.message);
    else toast.error(only?.message ?? "Something went wrong — try again");
  } else if (failed.length === 0) {
    toast.success(`${ACTION_LABELS[action]}: done for all ${results.length} items`);
  } else {
    toast.error(
      `${ACTION_LABELS[action]}: ${results.length - failed.length} done, ${failed.length} failed — see the results above the list`,
    );
  }
}

/**
 * One queue of the Action Center: the table with row selection and row actions, bulk actions on
 * the selection (with a per-item result when some fail), the dialog an action needs, and the
 * keyboard shortcuts (j/k move, a/r/m/s/e act on the focused row, ? lists them).
 */
export function ActionQueue({
  bucket,
  items,
  filtering,
  clearHref,
  staff,
  currentUserId,
  rules,
}: {
  bucket: ActionBucket;
  items: QueueItem[];
  filtering: boolean;
  clearHref: string;
  staff: StaffOption[];
  currentUserId: string;
  rules: QueueRules;
}) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [pendingAction, setPendingAction] = useState<PendingAction | null>(null);
  const [running, setRunning] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [helpOpen, setHelpOpen] = useState(false);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  // After a keyboard action the acted row leaves the list: focus the row that took its place.
  const refocus = useRef<{ index: number; items: QueueItem[] } | null>(null);

  const focusedIndex = (): number | null => {
    const row = document.activeElement?.closest("tr[data-item-id]");
    const index = row ? rows.current.indexOf(row as HTMLTableRowElement) : -1;
    return index >= 0 ? index : null;
  };

  async function run(action: ActionKind, targets: QueueItem[], values: Record<string, string> = {}) {
    const eligible = targets.filter((item) => item.actions.includes(action));
    setRunning(true);
    const results: Outcome[] = [];
    for (const item of eligible) {
      try {
        results.push({ item, ok: true, message: await performAction(action, item, values) });
      } catch (failure) {
        const message =
          failure instanceof ApiError || !(failure instanceof Error) ? describeFailure(failure) : failure.message;
        results.push({ item, ok: false, message });
      }
    }
    setRunning(false);
    setPendingAction(null);
    announce(action, results);
    setOutcomes(results.length > 1 && results.some((result) => !result.ok) ? results : []);
    setSelected(new Set());
    router.refresh();
  }

  function start(action: ActionKind, targets: QueueItem[]) {
    if (action === "sendReminder") {
      void run(action, targets);
      return;
    }
    setPendingAction({ kind: action, items: targets.filter((item) => item.actions.includes(action)) });
  }

  // The queue's shortcuts, page-wide while no dialog is open; never while typing in a field.
  const onKey = useRef<(event: KeyboardEvent) => void>(() => {});
  onKey.current = (event: KeyboardEvent) => {
    if (pendingAction || helpOpen || running || event.defaultPrevented) return;
    const target = event.target instanceof HTMLElement ? event.target : null;
    if (target?.closest("[role=dialog]")) return;
    const command = queueCommandFor({
      key: event.key,
      altKey: event.altKey,
      ctrlKey: event.ctrlKey,
      metaKey: event.metaKey,
      target: target
        ? {
            tagName: target.tagName,
            isContentEditable: target.isContentEditable,
            type: (target as HTMLInputElement).type,
          }
        : null,
    });
    if (!command) return;
    event.preventDefault();
    if (command.kind === "help") {
      setHelpOpen(true);
      return;
    }
    const current = focusedIndex();
    if (command.kind === "move") {
      const next = movedIndex(current, command.by, items.length);
      if (next !== null) rows.current[next]?.focus();
      return;
    }
    const item = current === null ? undefined : items[current];
    if (!item) {
      toast.error("Move to a row first (j/k or the arrow keys), then press the action's key");
      return;
    }
    if (!item.actions.includes(command.action)) {
      toast.error(`${ACTION_LABELS[command.action]} is not available on this row`);
      return;
    }
    refocus.current = { index: current ?? 0, items };
    start(command.action, [item]);
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey.current(event);
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, []);

  useEffect(() => {
    // Only once the refreshed list has arrived (the acted row gone, or showing its new state).
    if (!refocus.current || refocus.current.items === items || pendingAction || running) return;
    rows.current[Math.min(refocus.current.index, items.length - 1)]?.focus();
    refocus.current = null;
  }, [items, pendingAction, running]);

  if (items.length === 0) {
    return <EmptyQueue bucket={bucket} rules={rules} filtering={filtering} clearHref={clearHref} />;
  }

  return (
    <div>
      <BulkResults outcomes={outcomes} onDismiss={() => setOutcomes([])} />
      <BulkActionsBar
        chosen={items.filter((item) => selected.has(item.id))}
        running={running}
        onAction={start}
        onShowShortcuts={() => setHelpOpen(true)}
      />
      <QueueTable
        items={items}
        rows={rows}
        selected={selected}
        onSelectedChange={setSelected}
        running={running}
        onAction={start}
      />
      {pendingAction ? (
        <ActionDialog
          form={pendingAction}
          running={running}
          staff={staff}
          rules={rules}
          currentUserId={currentUserId}
          onCancel={() => {
            setPendingAction(null);
            refocus.current = null;
          }}
          onSubmit={(values) => run(pendingAction.kind, pendingAction.items, values)}
        />
      ) : null}
      <ShortcutsDialog open={helpOpen} onOpenChange={setHelpOpen} />
    </div>
  );
}
