"use client";

import type { ActionBucket, ActionKind } from "@pp/core/action-center/buckets";
import { ApiError, describeFailure } from "@pp/ui/api-client";
import { toast } from "@pp/ui/toaster";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionDialog, type PendingAction } from "./action-dialog";
import { BulkActionsBar, BulkResults } from "./bulk-actions";
import { EmptyQueue } from "./empty-queue";
import { performAction } from "./perform-action";
import { ACTION_LABELS, type Outcome, type QueueItem, type QueueRules, type StaffOption } from "./queue-item";
import { QueueTable } from "./queue-table";

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
 * the selection (with a per-item result when some fail), and the dialog an action needs.
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

  if (items.length === 0) {
    return <EmptyQueue bucket={bucket} rules={rules} filtering={filtering} clearHref={clearHref} />;
  }

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

  return (
    <div>
      <BulkResults outcomes={outcomes} onDismiss={() => setOutcomes([])} />
      <BulkActionsBar chosen={items.filter((item) => selected.has(item.id))} running={running} onAction={start} />
      <QueueTable items={items} selected={selected} onSelectedChange={setSelected} running={running} onAction={start} />
      {pendingAction ? (
        <ActionDialog
          form={pendingAction}
          running={running}
          staff={staff}
          rules={rules}
          currentUserId={currentUserId}
          onCancel={() => setPendingAction(null)}
          onSubmit={(values) => run(pendingAction.kind, pendingAction.items, values)}
        />
      ) : null}
    </div>
  );
}
