"use client";

import type { ActionKind, ActionSeverity } from "@pp/core/action-center/buckets";
import { Badge, type BadgeTone } from "@pp/ui/badge";
import { Button } from "@pp/ui/button";
import { type Column, DataTable } from "@pp/ui/data-table";
import { describeAge, formatCents, formatDateTime } from "@pp/ui/format";
import clsx from "clsx";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type KeyboardEvent, type ReactNode, useRef } from "react";
import { ACTION_LABELS, type QueueItem } from "./queue-item";

const SEVERITY_TONES: Record<ActionSeverity, BadgeTone> = {
  critical: "danger",
  high: "warn",
  medium: "brand",
  low: "neutral",
};

/** "in 5 h", "2 d ago": how far the breach is, at a glance (the exact time is in the tooltip). */
function describeDue(iso: string): string {
  const hours = Math.round((new Date(iso).getTime() - Date.now()) / 3_600_000);
  const size = Math.abs(hours);
  const amount = size < 48 ? `${size} h` : `${Math.round(size / 24)} d`;
  if (size === 0) return "now";
  return hours > 0 ? `in ${amount}` : `${amount} ago`;
}

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
    <div className="flex max-w-72 min-w-56 flex-wrap gap-1.5 whitespace-nowrap">
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

function columns(running: boolean, onAction: (action: ActionKind, items: QueueItem[]) => void): Column<QueueItem>[] {
  return [
    {
      key: "client",
      header: "Client",
      className: "whitespace-nowrap",
      cell: (item) =>
        item.tenant ? (
          <Link href={`/provider/clients/${item.tenant.id}`} className="hover:text-brand-700">
            {item.tenant.name}
          </Link>
        ) : (
          <span className="text-slate-400">No client</span>
        ),
    },
    {
      key: "item",
      header: "Item",
      className: "min-w-64",
      cell: (item) => (
        <Link href={item.href} className="font-medium text-slate-900 hover:text-brand-700">
          {item.title}
        </Link>
      ),
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
      cell: (item) => <span title={formatDateTime(item.openedAt)}>{describeAge(item.ageHours)}</span>,
    },
    {
      key: "due",
      header: "Due",
      className: "whitespace-nowrap tabular-nums",
      cell: (item): ReactNode =>
        item.dueAt ? (
          <span
            title={formatDateTime(item.dueAt)}
            className={clsx(new Date(item.dueAt).getTime() < Date.now() && "font-medium text-danger-700")}
            // Relative to the clock: server and browser may round a boundary differently.
            suppressHydrationWarning
          >
            {describeDue(item.dueAt)}
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
 * The queue as the shared table with row selection. Keyboard: ↑/↓ (or j/k) move between rows,
 * Space selects, Enter opens the item.
 */
export function QueueTable({
  items,
  selected,
  onSelectedChange,
  running,
  onAction,
}: {
  items: QueueItem[];
  selected: ReadonlySet<string>;
  onSelectedChange: (selected: Set<string>) => void;
  running: boolean;
  onAction: (action: ActionKind, items: QueueItem[]) => void;
}) {
  const router = useRouter();
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);

  function onRowKey(event: KeyboardEvent<HTMLTableRowElement>, index: number, item: QueueItem) {
    if (event.target !== event.currentTarget) return;
    const move = (to: number) => {
      event.preventDefault();
      rows.current[Math.max(0, Math.min(items.length - 1, to))]?.focus();
    };
    if (event.key === "ArrowDown" || event.key === "j") move(index + 1);
    else if (event.key === "ArrowUp" || event.key === "k") move(index - 1);
    else if (event.key === " ") {
      event.preventDefault();
      const next = new Set(selected);
      if (next.has(item.id)) next.delete(item.id);
      else next.add(item.id);
      onSelectedChange(next);
    } else if (event.key === "Enter") router.push(item.href);
  }

  return (
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
        className: "outline-none focus-visible:bg-brand-50/60",
      })}
    />
  );
}
