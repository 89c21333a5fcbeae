import {
  ACTION_BUCKETS,
  type ActionBucket,
  AT_RISK_OVERDUE_DAYS,
  BUCKET_LABELS,
  CANCELLATION_DAYS,
  FAILED_PAYMENT_LOOKBACK_DAYS,
  RATE_LIMIT_WARNING_SHARE,
  SLA_WARNING_SHARE,
  TRIAL_ENDING_DAYS,
  USAGE_DROP_SHARE,
} from "@pp/core/action-center/buckets";
import { getActionCenter } from "@pp/core/action-center/get-action-center";
import { cachedUsageDrops } from "@pp/core/action-center/usage-drops";
import { staffCan } from "@pp/core/auth/permissions";
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
import { ActionQueue, type QueueRules } from "./action-queue";
import { SkipToQueue } from "./skip-to-queue";
import { SnoozedQueue } from "./snoozed-queue";
import { toQueueItem } from "./to-queue-item";

export const metadata: Metadata = { title: "Action Center" };
export const dynamic = "force-dynamic";

const PATH = "/provider/action-center";
const PAGE_SIZE = 25;

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

export default async function ActionCenterPage({ searchParams }: { searchParams: Promise<UrlParams> }) {
  const staff = await requireStaff(permissionFor(PATH));
  const params = await searchParams;
  const query = parsePageParams(ZActionCenterParams, params);
  const filters = { tenantId: query.tenantId, severity: query.severity, aging: query.aging };
  const snoozedView = query.view === "snoozed";
  const [overview, snoozed, clients, staffList] = await Promise.all([
    getActionCenter({ ...filters, limit: PAGE_SIZE, usageDrops: cachedUsageDrops }),
    snoozedView
      ? getActionCenter({ ...filters, view: "snoozed", limit: 100, usageDrops: cachedUsageDrops })
      : undefined,
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
  const now = overview.generatedAt;
  const items = (current?.items ?? []).map((item) => toQueueItem(staff, item, now));
  const snoozedItems = ACTION_BUCKETS.flatMap((key) => snoozed?.buckets[key]?.items ?? []).map((item) =>
    toQueueItem(staff, item, now),
  );
  const filtering = Object.values(filters).some((value) => value !== undefined);
  const tabs = ACTION_BUCKETS.map((key) => ({
    key,
    label: BUCKET_LABELS[key],
    href: hrefWith(PATH, params, { bucket: key, cursor: null, view: null }),
    count: counts[key],
  }));

  return (
    <>
      <SkipToQueue />
      <PageHeader
        title="Action Center"
        description="Every queue that needs someone today, most urgent first: severity, then time to breach, then money at risk."
        actions={
          <>
            {/* Beside the tabs it would scroll out of sight at 1280 px; up here it is always in view. */}
            <ButtonLink
              href={hrefWith(PATH, params, { view: snoozedView ? null : "snoozed", bucket: null, cursor: null })}
              variant="ghost"
              aria-current={snoozedView ? "page" : undefined}
            >
              {snoozedView ? "Back to the queues" : "Snoozed items"}
            </ButtonLink>
            {staffCan(staff.role, "incidents:write") ? (
              <ButtonLink href="/provider/incidents/new?from=action_center">Open incident</ButtonLink>
            ) : null}
          </>
        }
      />
      <OpenAlertsBanner href={linkIfAvailable(staff.role, "/provider/reliability")} />
      <section aria-label="Queue counts" className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-8">
        {ACTION_BUCKETS.map((key) => (
          <KpiCard
            key={key}
            label={BUCKET_LABELS[key]}
            value={counts[key]}
            href={hrefWith(PATH, params, { bucket: key, cursor: null, view: null })}
            tone={counts[key] === 0 ? "neutral" : key === "slaBreaches" || key === "paymentsFailed" ? "danger" : "warn"}
          />
        ))}
      </section>
      <FilterBar
        pathname={PATH}
        params={params}
        keep={["bucket", "view"]}
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
      <Tabs items={tabs} current={snoozedView ? "snoozed" : bucket} label="Queues" />
      {snoozedView ? (
        <SnoozedQueue items={snoozedItems} filtering={filtering} clearHref={hrefWith(PATH, {}, { view: "snoozed" })} />
      ) : (
        <>
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
      )}
    </>
  );
}
