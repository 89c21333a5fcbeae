import { type ActionKind, BUCKET_WRITE_PERMISSION } from "@pp/core/action-center/buckets";
import { describeItemAge, describeItemDue } from "@pp/core/action-center/day-distance";
import type { ActionItem } from "@pp/core/action-center/get-action-center";
import type { StaffActor } from "@pp/core/auth/actors";
import { type Permission, staffCan } from "@pp/core/auth/permissions";
import type { QueueItem } from "./queue-item";

/** The permission each action's endpoint checks; rows only offer what the signed-in role may do. */
const ACTION_PERMISSION: Record<Exclude<ActionKind, "snooze">, Permission> = {
  approveDispute: "leads:write",
  rejectDispute: "leads:write",
  sendReminder: "billing:write",
  extendSubscription: "billing:write",
  escalateIncident: "incidents:write",
  createTask: "success:write",
  scheduleEbr: "success:write",
};

function allowedActions(staff: StaffActor, item: ActionItem): ActionKind[] {
  return item.actions.filter((action) =>
    staffCan(staff.role, action === "snooze" ? BUCKET_WRITE_PERMISSION[item.bucket] : ACTION_PERMISSION[action]),
  );
}

/**
 * An item as the queue shows it: the viewer's actions, and age and due in words from one clock
 * (the page's `now`), so the same instant reads the same days in both columns.
 */
export function toQueueItem(staff: StaffActor, item: ActionItem, now: Date): QueueItem {
  return {
    id: item.id,
    bucket: item.bucket,
    tenant: item.tenant,
    title: item.title,
    severity: item.severity,
    openedAt: item.openedAt.toISOString(),
    age: describeItemAge(item.openedAt, now),
    dueAt: item.dueAt?.toISOString() ?? null,
    due: item.dueAt ? describeItemDue(item.dueAt, now) : null,
    overdue: item.dueAt !== null && item.dueAt.getTime() < now.getTime(),
    amountCents: item.amountCents,
    currency: item.currency,
    subject: item.subject,
    refundableByCard: item.bucket === "disputesPending" && item.details.refundableByCard === true,
    href: item.href,
    actions: allowedActions(staff, item),
    state: item.state,
    snooze: item.snooze
      ? { until: item.snooze.until.toISOString(), reason: item.snooze.reason, snoozedBy: item.snooze.snoozedBy }
      : null,
  };
}
