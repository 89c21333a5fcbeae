import type { ActionKind } from "@pp/core/action-center/buckets";
import { callApi } from "@pp/ui/api-client";
import { formatLocalDay, startOfLocalDay } from "@pp/ui/local-date";
import type { QueueItem } from "./queue-item";

/**
 * One call per item and action (each maps to one endpoint); the Idempotency-Key makes a retried
 * click land once. Resolves to the success message the toast shows.
 */
export async function performAction(
  action: ActionKind,
  item: QueueItem,
  values: Record<string, string>,
): Promise<string> {
  const key = crypto.randomUUID();
  const post = <T>(url: string, body?: unknown) => callApi<T>(url, { method: "POST", body, idempotencyKey: key });
  switch (action) {
    case "approveDispute": {
      const decided = await post<{ summary: string }>(`/api/provider/leads/${item.subject.id}/dispute`, {
        decision: "approve",
        ...(values.note?.trim() ? { note: values.note } : {}),
        ...(values.settlement === "refund_to_card" ? { settlement: "refund_to_card" } : {}),
      });
      // "Dispute approved — $45.00 refunded to the Visa card ending 4242": where the money went.
      return values.settlement === "refund_to_card" ? decided.summary : "Dispute approved";
    }
    case "rejectDispute":
      await post(`/api/provider/leads/${item.subject.id}/dispute`, { decision: "reject", note: values.note });
      return "Dispute rejected";
    case "sendReminder": {
      const sent = await post<{ to: string }>(`/api/provider/billing/invoices/${item.subject.id}/remind`);
      return `Reminder sent to ${sent.to}`;
    }
    case "extendSubscription":
      await post(`/api/provider/subscriptions/${item.subject.id}/extend`, { days: values.days, reason: values.reason });
      return `Extended by ${values.days} days`;
    case "escalateIncident": {
      const result = await post<{ escalationLevel: number }>(`/api/provider/incidents/${item.subject.id}/escalate`, {
        note: values.note,
      });
      return `Escalated to level ${result.escalationLevel}`;
    }
    case "createTask":
    case "scheduleEbr":
      if (!item.tenant) throw new Error("This item has no client to attach a task to");
      await post("/api/provider/tasks", {
        tenantId: item.tenant.id,
        kind: action === "scheduleEbr" ? "ebr" : "task",
        title: values.title,
        dueAt: values.dueAt,
        ownerId: values.ownerId,
        relatedType: item.subject.type,
        relatedId: item.subject.id,
      });
      return action === "scheduleEbr" ? "EBR scheduled" : "Task created";
    case "snooze":
      await post("/api/provider/action-center/snoozes", {
        bucket: item.bucket,
        itemId: item.id,
        // The day the user picked, from its start where they are (not a UTC midnight).
        until: startOfLocalDay(values.until ?? "").toISOString(),
        reason: values.reason,
      });
      return `Snoozed until ${formatLocalDay(startOfLocalDay(values.until ?? ""))}`;
  }
}
