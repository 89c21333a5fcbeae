"use client";

import type { ActionKind, ActionSeverity } from "@pp/core/action-center/buckets";
import { Badge, type BadgeTone } from "@pp/ui/badge";
import { Button } from "@pp/ui/button";
import { type Column, DataTable } from "@pp/ui/data-table";
import { formatCents, formatDateTime } from "@pp/ui/format";
import clsx from "clsx";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { KeyboardEvent, ReactNode, RefObject } from "react";
import { ACTION_LABELS, type QueueItem } from "./queue-item";
import { QUEUE_ANCHOR_ID } from "./skip-to-queue";

const SEVERITY_TONES: Record<ActionSeverity, BadgeTone> = {
  critical: "danger",
  high: "warn",
  medium: "brand",
  low: "neutral",
};

/** The buttons on one row: the actions this item allows and the viewer may take. */
function RowActions({
  item,
  running,
  onAction,
}: {
  item: QueueItem;
  running: boolean;
  onAction: (action: ActionKind, items: QueueItem[]) => void;
}) {
  return (
    <div className="flex w-48 flex-wrap gap-1.5 xl:w-56">
      {item.actions.map((action) => (
        <Button
          key={action}
          size="sm"
          variant={action === "approveDispute" ? "primary" : action === "rejectDispute" ? "danger" : "secondary"}
          disabled={running || ((action === "createTask" || action === "scheduleEbr") && !item.tenant)}
          onClick={() => onAction(action, [item])}
        >
          {ACTION_LABELS[action]}
        </Button>
      ))}
    </div>
  );
}

/** The item's title, its client under it, and what was already done about it. */
export function ItemCell({ item }: { item: QueueItem }) {
  return (
    <div className="min-w-0">
      <Link href={item.href} className="font-medium text-slate-900 hover:text-brand-700">
        {item.title}
      </Link>
      <div className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600">
        {item.tenant ? (
          <Link href={`/provider/clients/${item.tenant.id}`} className="hover:text-brand-700">
            {item.tenant.name}
          </Link>
        ) : (
          <span>No client</span>
        )}
        {item.state.map((state) => (
          <Badge key={state} tone="success">
            {state}
          </Badge>
        ))}
      </div>
    </div>
  );
}

function columns(running: boolean, onAction: (action: ActionKind, items: QueueItem[]) => void): Column<QueueItem>[] {
  return [
    {
      key: "item",
      header: "Item",
      className: "min-w-52",
      cell: (item) => <ItemCell item={item} />,
    },
    {
      key: "severity",
      header: "Severity",
      cell: (item) => (
        <Badge tone={SEVERITY_TONES[item.severity]}>
          {item.severity.charAt(0).toUpperCase() + item.severity.slice(1)}
        </Badge>
      ),
    },
    {
      key: "age",
      header: "Age",
      className: "whitespace-nowrap tabular-nums",
      cell: (item) => <span title={`Opened ${formatDateTime(item.openedAt)}`}>{item.age}</span>,
    },
    {
      key: "due",
      header: "Due",
      className: "whitespace-nowrap tabular-nums",
      cell: (item): ReactNode =>
        item.dueAt && item.due ? (
          <span title={formatDateTime(item.dueAt)} className={clsx(item.overdue && "font-medium text-danger-700")}>
            {item.due}
          </span>
        ) : (
          "—"
        ),
    },
    {
      key: "amount",
      header: "Amount",
      align: "right",
      className: "whitespace-nowrap",
      cell: (item) => (item.amountCents === null ? "—" : formatCents(item.amountCents, item.currency ?? "USD")),
    },
    {
      key: "actions",
      header: "Actions",
      cell: (item) => <RowActions item={item} running={running} onAction={onAction} />,
    },
  ];
}

/**
 * The queue as the shared table with row selection. Keyboard on a row: ↑/↓ move, Space selects,
 * Enter opens the item (j/k and the action keys are the queue's shortcuts, in ActionQueue).
 */
export function QueueTable({
  items,
  rows,
  selected,
  onSelectedChange,
  running,
  onAction,
}: {
  items: QueueItem[];
  rows: RefObject<(HTMLTableRowElement | null)[]>;
  selected: ReadonlySet<string>;
  onSelectedChange: (selected: Set<string>) => void;
  running: boolean;
  onAction: (action: ActionKind, items: QueueItem[]) => void;
}) {
  const router = useRouter();

  function onRowKey(event: KeyboardEvent<HTMLTableRowElement>, index: number, item: QueueItem) {
    if (event.target !== event.currentTarget) return;
    const move = (to: number) => {
      event.preventDefault();
      rows.current[Math.max(0, Math.min(items.length - 1, to))]?.focus();
    };
    if (event.key === "ArrowDown") move(index + 1);
    else if (event.key === "ArrowUp") move(index - 1);
    else if (event.key === " ") {
      event.preventDefault();
      const next = new Set(selected);
      if (next.has(item.id)) next.delete(item.id);
      else next.add(item.id);
      onSelectedChange(next);
    } else if (event.key === "Enter") router.push(item.href);
  }

  return (
    <div id={QUEUE_ANCHOR_ID} tabIndex={-1} className="outline-none">
      <DataTable
        caption="Action Center queue, most urgent first"
        columns={columns(running, onAction)}
        rows={items}
        rowKey={(item) => item.id}
        empty={null}
        selection={{ selected, onChange: onSelectedChange, label: (item) => `Select ${item.title}` }}
        rowProps={(item, index) => ({
          ref: (element: HTMLTableRowElement | null) => {
            rows.current[index] = element;
          },
          tabIndex: 0,
          onKeyDown: (event: KeyboardEvent<HTMLTableRowElement>) => onRowKey(event, index, item),
          "data-item-id": item.id,
          "aria-label": `${item.title}${item.tenant ? ` — ${item.tenant.name}` : ""}`,
          className:
            "outline-none focus-visible:bg-brand-50/60 focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-inset",
        })}
      />
    </div>
  );
}
