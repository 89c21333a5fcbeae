import {
  ACTION_BUCKETS,
  type ActionBucket,
  type ActionKind,
  AT_RISK_OVERDUE_DAYS,
  BUCKET_LABELS,
  BUCKET_WRITE_PERMISSION,
  CANCELLATION_DAYS,
  FAILED_PAYMENT_LOOKBACK_DAYS,
  RATE_LIMIT_WARNING_SHARE,
  SLA_WARNING_SHARE,
  TRIAL_ENDING_DAYS,
  USAGE_DROP_SHARE,
} from "@pp/core/action-center/buckets";
import { type ActionItem, getActionCenter } from "@pp/core/action-center/get-action-center";
import { cachedUsageDrops } from "@pp/core/action-center/usage-drops";
import type { StaffActor } from "@pp/core/auth/actors";
import { type Permission, staffCan } from "@pp/core/auth/permissions";
import { isStaleCursorError } from "@pp/core/pagination";
import { listStaff } from "@pp/core/staff/list-staff";
import { MAX_EXTENSION_DAYS } from "@pp/core/subscriptions/extend-subscription";
import { statusLabel } from "@pp/ui/badge";
import { ButtonLink } from "@pp/ui/button";
import { KpiCard } from "@pp/ui/card";
import { FilterBar } from "@pp/ui/filter-bar";
import { PageHeader } from "@pp/ui/page-header";
import { Pagination, StaleCursorNote } from "@pp/ui/pagination";
import { Tabs } from "@pp/ui/tabs";
import { hrefWith, type UrlParams } from "@pp/ui/url";
import type { Metadata } from "next";
import { ZActionCenterParams } from "@/app/api/provider/action-center/schema";
import { clientFilter } from "@/lib/client-filter";
import { linkIfAvailable, permissionFor } from "@/lib/navigation";
import { parsePageParams } from "@/lib/query-params";
import { requireStaff } from "@/lib/session";
import { OpenAlertsBanner } from "../reliability/open-alerts-banner";
import { ActionQueue, type QueueItem, type QueueRules } from "./action-queue";

export const metadata: Metadata = { title: "Action Center" };
export const dynamic = "force-dynamic";

const PATH = "/provider/action-center";
const PAGE_SIZE = 25;

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

/** The rule values the queue's copy quotes, from where the rules live. */
const QUEUE_RULES: QueueRules = {
  failedPaymentLookbackDays: FAILED_PAYMENT_LOOKBACK_DAYS,
  trialEndingDays: TRIAL_ENDING_DAYS,
  cancellationDays: CANCELLATION_DAYS,
  slaWarningShare: SLA_WARNING_SHARE,
  atRiskOverdueDays: AT_RISK_OVERDUE_DAYS,
  usageDropShare: USAGE_DROP_SHARE,
  rateLimitWarningShare: RATE_LIMIT_WARNING_SHARE,
  maxExtensionDays: MAX_EXTENSION_DAYS,
};

function allowedActions(staff: StaffActor, item: ActionItem): ActionKind[] {
  return item.actions.filter((action) =>
    staffCan(staff.role, action === "snooze" ? BUCKET_WRITE_PERMISSION[item.bucket] : ACTION_PERMISSION[action]),
  );
}

function toQueueItem(staff: StaffActor, item: ActionItem): QueueItem {
  return {
    id: item.id,
    bucket: item.bucket,
    tenant: item.tenant,
    title: item.title,
    severity: item.severity,
    openedAt: item.openedAt.toISOString(),
    ageHours: item.ageHours,
    dueAt: item.dueAt?.toISOString() ?? null,
    amountCents: item.amountCents,
    currency: item.currency,
    subject: item.subject,
    href: item.href,
    actions: allowedActions(staff, item),
  };
}

export default async function ActionCenterPage({ searchParams }: { searchParams: Promise<UrlParams> }) {
  const staff = await requireStaff(permissionFor(PATH));
  const params = await searchParams;
  const query = parsePageParams(ZActionCenterParams, params);
  const filters = { tenantId: query.tenantId, severity: query.severity, aging: query.aging };
  const [overview, clients, staffList] = await Promise.all([
    getActionCenter({ ...filters, limit: PAGE_SIZE, usageDrops: cachedUsageDrops }),
    clientFilter(query.tenantId),
    listStaff({ status: "active", limit: 100 }),
  ]);
  const counts = Object.fromEntries(
    ACTION_BUCKETS.map((bucket) => [bucket, overview.buckets[bucket]?.count ?? 0]),
  ) as Record<ActionBucket, number>;
  const bucket: ActionBucket =
    query.bucket ?? ACTION_BUCKETS.find((candidate) => counts[candidate] > 0) ?? "disputesPending";
  // A further page of the current bucket; a stale cursor falls back to its first page.
  let staleCursor = false;
  const current = query.cursor
    ? await getActionCenter({
        ...filters,
        bucket,
        cursor: query.cursor,
        limit: PAGE_SIZE,
        usageDrops: cachedUsageDrops,
      })
        .then((center) => center.buckets[bucket])
        .catch((error: unknown) => {
          if (!isStaleCursorError(error)) throw error;
          staleCursor = true;
          return overview.buckets[bucket];
        })
    : overview.buckets[bucket];
  const items = (current?.items ?? []).map((item) => toQueueItem(staff, item));
  const filtering = Object.values(filters).some((value) => value !== undefined);
  const tabs = ACTION_BUCKETS.map((key) => ({
    key,
    label: BUCKET_LABELS[key],
    href: hrefWith(PATH, params, { bucket: key, cursor: null }),
    count: counts[key],
  }));

  return (
    <>
      <PageHeader
        title="Action Center"
        description="Every queue that needs someone today, most urgent first: severity, then time to breach, then money at risk."
        actions={
          staffCan(staff.role, "incidents:write") ? (
            <ButtonLink href="/provider/incidents/new?from=action_center">Open incident</ButtonLink>
          ) : undefined
        }
      />
      <OpenAlertsBanner href={linkIfAvailable(staff.role, "/provider/reliability")} />
      <section aria-label="Queue counts" className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7">
        {ACTION_BUCKETS.map((key) => (
          <KpiCard
            key={key}
            label={BUCKET_LABELS[key]}
            value={counts[key]}
            href={hrefWith(PATH, params, { bucket: key, cursor: null })}
            tone={counts[key] === 0 ? "neutral" : key === "slaBreaches" || key === "paymentsFailed" ? "danger" : "warn"}
          />
        ))}
      </section>
      <FilterBar
        pathname={PATH}
        params={params}
        keep={["bucket"]}
        fields={[
          clients,
          {
            kind: "select",
            name: "severity",
            label: "Severity",
            options: ["critical", "high", "medium", "low"].map((value) => ({ value, label: statusLabel(value) })),
          },
          {
            kind: "select",
            name: "aging",
            label: "Age",
            options: [
              { value: "1", label: "Older than 1 day" },
              { value: "7", label: "Older than 7 days" },
              { value: "30", label: "Older than 30 days" },
              { value: "60", label: "Older than 60 days" },
            ],
          },
        ]}
      />
      <Tabs items={tabs} current={bucket} label="Queues" />
      <StaleCursorNote staleCursor={staleCursor} />
      <ActionQueue
        key={`${bucket}:${query.cursor ?? ""}`}
        bucket={bucket}
        items={items}
        filtering={filtering}
        clearHref={hrefWith(PATH, {}, { bucket })}
        staff={staffList.data.map((member) => ({ value: member.userId, label: member.name }))}
        currentUserId={staff.userId}
        rules={QUEUE_RULES}
      />
      <Pagination
        pathname={PATH}
        params={params}
        nextCursor={current?.nextCursor ?? null}
        shown={items.length}
        staleCursor={staleCursor}
      />
    </>
  );
}
