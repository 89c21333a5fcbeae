"use client";

import { BUCKET_LABELS } from "@pp/core/action-center/buckets";
import { ApiError, callApi, describeFailure } from "@pp/ui/api-client";
import { Button } from "@pp/ui/button";
import { DataTable } from "@pp/ui/data-table";
import { ListEmptyState } from "@pp/ui/empty-state";
import { LocalDate } from "@pp/ui/local-date";
import { toast } from "@pp/ui/toaster";
import { AlarmClockOff } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { QueueItem } from "./queue-item";
import { ItemCell } from "./queue-table";

/**
 * The Snoozed view: every item a snooze is hiding, until when, why and by whom, with Un-snooze
 * to put it back in its queue now (offered where the viewer may snooze that bucket).
 */
export function SnoozedQueue({
  items,
  filtering,
  clearHref,
}: {
  items: QueueItem[];
  filtering: boolean;
  clearHref: string;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);

  async function unsnooze(item: QueueItem) {
    setBusy(item.id);
    try {
      await callApi(`/api/provider/action-center/snoozes/${item.bucket}/${encodeURIComponent(item.id)}`, {
        method: "DELETE",
      });
      toast.success(`Back in ${BUCKET_LABELS[item.bucket]}: ${item.title}`);
      router.refresh();
    } catch (failure) {
      toast.error(
        failure instanceof ApiError || !(failure instanceof Error) ? describeFailure(failure) : failure.message,
      );
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="snoozed-heading">
      <h2 id="snoozed-heading" className="mb-3 text-base font-semibold text-slate-900">
        Snoozed items
      </h2>
      <DataTable
        caption="Snoozed Action Center items, most urgent first within each queue"
        rows={items}
        rowKey={(item) => `${item.bucket}:${item.id}`}
        empty={
          <ListEmptyState
            filtered={filtering}
            clearHref={clearHref}
            icon={<AlarmClockOff />}
            title="Nothing is snoozed"
            description="Items you snooze from a queue wait here until their date; un-snooze one to act on it now."
          />
        }
        columns={[
          { key: "item", header: "Item", className: "min-w-52", cell: (item) => <ItemCell item={item} /> },
          { key: "queue", header: "Queue", className: "whitespace-nowrap", cell: (item) => BUCKET_LABELS[item.bucket] },
          {
            key: "until",
            header: "Snoozed until",
            className: "whitespace-nowrap",
            cell: (item) => (item.snooze ? <LocalDate value={item.snooze.until} /> : "—"),
          },
          {
            key: "reason",
            header: "Why",
            className: "min-w-40",
            cell: (item) => (
              <>
                {item.snooze?.reason}
                {item.snooze?.snoozedBy ? (
                  <span className="block text-xs text-slate-600">by {item.snooze.snoozedBy}</span>
                ) : null}
              </>
            ),
          },
          {
            key: "actions",
            header: "Actions",
            cell: (item) =>
              item.actions.includes("snooze") ? (
                <Button
                  size="sm"
                  variant="secondary"
                  pending={busy === item.id}
                  disabled={busy !== null}
                  onClick={() => void unsnooze(item)}
                  aria-label={`Un-snooze ${item.title}${item.tenant ? ` — ${item.tenant.name}` : ""}`}
                >
                  Un-snooze
                </Button>
              ) : null,
          },
        ]}
      />
    </section>
  );
}
