import type { Page } from "@pp/core/pagination";
import type { TimelineEntry } from "@pp/core/success/list-timeline";
import { TIMELINE_KINDS, type TimelineKind } from "@pp/core/success/timeline-sources";
import { EmptyState } from "@pp/ui/empty-state";
import { formatDateTime } from "@pp/ui/format";
import { Pagination } from "@pp/ui/pagination";
import { hrefWith, type UrlParams } from "@pp/ui/url";
import clsx from "clsx";
import { History } from "lucide-react";
import Link from "next/link";
import { timelineHref } from "./timeline-links";

export const TIMELINE_KIND_LABELS: Record<TimelineKind, string> = {
  task: "Tasks",
  note: "Notes",
  ebr: "EBRs",
  playbook: "Playbooks",
  email: "Emails",
  dispute: "Disputes",
  invoice: "Invoices",
  payment: "Payments",
  onboarding: "Onboarding",
  plan: "Plan changes",
  incident: "Incidents",
  nps: "NPS",
  account: "Account",
};

/** The Overview's timeline: kind filters and pages in the URL (`kinds`, `cursor`), each entry with who, when and a link. */
export function Timeline({
  tenantId,
  page,
  kinds,
  params,
}: {
  tenantId: string;
  page: Page<TimelineEntry>;
  kinds: readonly TimelineKind[];
  params: UrlParams;
}) {
  const pathname = `/provider/clients/${tenantId}`;
  const toggle = (kind: TimelineKind) => {
    const next = kinds.includes(kind) ? kinds.filter((k) => k !== kind) : [...kinds, kind];
    return hrefWith(pathname, params, { kinds: next.join(",") || null, cursor: null });
  };
  return (
    <section aria-labelledby="timeline-heading" className="rounded-card border border-line bg-surface shadow-card">
      <div className="border-b border-line px-5 py-3">
        <h2 id="timeline-heading" className="text-sm font-semibold text-slate-900">
          Timeline
        </h2>
        <nav aria-label="Timeline filters" className="mt-2 flex flex-wrap gap-1.5">
          <Link
            href={hrefWith(pathname, params, { kinds: null, cursor: null })}
            aria-current={kinds.length === 0 ? "true" : undefined}
            className={chip(kinds.length === 0)}
          >
            Everything
          </Link>
          {TIMELINE_KINDS.map((kind) => (
            <Link
              key={kind}
              href={toggle(kind)}
              aria-current={kinds.includes(kind) ? "true" : undefined}
              className={chip(kinds.includes(kind))}
            >
              {TIMELINE_KIND_LABELS[kind]}
            </Link>
          ))}
        </nav>
      </div>
      {page.data.length === 0 ? (
        <EmptyState
          className="border-0 py-8"
          icon={<History />}
          title={kinds.length > 0 ? "Nothing of these kinds yet" : "Nothing has happened yet"}
          description="Create a task, add a note or start a playbook: it shows here, with emails, invoices, disputes and incidents as they happen."
        />
      ) : (
        <ol aria-label="Timeline entries" className="divide-y divide-slate-100">
          {page.data.map((entry) => {
            const href = timelineHref(tenantId, entry);
            return (
              <li key={entry.id} className="flex items-start gap-3 px-5 py-2.5 text-sm">
                <span className="mt-0.5 w-24 shrink-0 text-xs font-medium text-slate-500">
                  {TIMELINE_KIND_LABELS[entry.kind]}
                </span>
                <span className="min-w-0 flex-1">
                  {href ? (
                    <Link href={href} className="text-slate-900 hover:text-brand-700 hover:underline">
                      {entry.title}
                    </Link>
                  ) : (
                    <span className="text-slate-900">{entry.title}</span>
                  )}
                  <span className="text-slate-500"> — by {entry.actor ?? "the system"}</span>
                </span>
                <time dateTime={entry.at.toISOString()} className="shrink-0 text-xs whitespace-nowrap text-slate-500">
                  {formatDateTime(entry.at)}
                </time>
              </li>
            );
          })}
        </ol>
      )}
      <div className="px-5 pb-3">
        <Pagination pathname={pathname} params={params} nextCursor={page.nextCursor} shown={page.data.length} />
      </div>
    </section>
  );
}

function chip(active: boolean) {
  return clsx(
    "rounded-full border px-2.5 py-0.5 text-xs font-medium",
    active ? "border-brand-600 bg-brand-50 text-brand-700" : "border-line text-slate-600 hover:border-slate-300",
  );
}
