import type { AuditEventDetail } from "@pp/core/audit/get-audit-event-or-throw";
import { formatDateTime } from "@pp/ui/format";
import clsx from "clsx";
import Link from "next/link";
import type { ReactNode } from "react";
import { diffAuditChange, prettyJson } from "./audit-diff";

/** What one event recorded: who, where from, what changed (changed fields highlighted), and its metadata. */
export function AuditEventDetailView({ event }: { event: AuditEventDetail }) {
  const rows = diffAuditChange(event.before, event.after);
  const changedCount = rows.filter((row) => row.changed).length;
  return (
    <div className="space-y-6 text-sm">
      <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-2">
        <Term label="When">{formatDateTime(event.at)}</Term>
        <Term label="Actor">
          {event.actorLabel ?? "—"} <span className="text-slate-500">({event.actorType})</span>
          {event.actorId ? <span className="block font-mono text-xs text-slate-500">{event.actorId}</span> : null}
        </Term>
        <Term label="Tenant">
          {event.tenantId ? (
            <Link className="text-brand-700 hover:underline" href={`/provider/clients/${event.tenantId}`}>
              {event.tenantName ?? event.tenantId}
            </Link>
          ) : (
            "—"
          )}
        </Term>
        <Term label="Target">
          {event.targetType ? (
            <>
              {event.targetType} <span className="font-mono text-xs text-slate-500">{event.targetId}</span>
            </>
          ) : (
            "—"
          )}
        </Term>
        <Term label="Request id">
          <span className="font-mono text-xs">{event.requestId ?? "—"}</span>
        </Term>
        <Term label="IP">
          <span className="font-mono text-xs">{event.ip ?? "—"}</span>
        </Term>
        <Term label="User agent">
          <span className="text-xs break-all text-slate-600">{event.userAgent ?? "—"}</span>
        </Term>
      </dl>

      <section aria-label="Changes">
        <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
          Changes {rows.length > 0 ? `(${changedCount} of ${rows.length} fields changed)` : null}
        </h3>
        {rows.length === 0 ? (
          <p className="text-slate-500">This event recorded no before or after state.</p>
        ) : (
          <table className="w-full table-fixed border-collapse text-xs">
            <thead>
              <tr className="text-left text-slate-500">
                <th className="w-32 py-1 pr-2 font-medium">Field</th>
                <th className="py-1 pr-2 font-medium">Before</th>
                <th className="py-1 font-medium">After</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr
                  key={row.key}
                  data-changed={row.changed}
                  className={clsx("border-t border-slate-100 align-top", row.changed && "bg-warn-50")}
                >
                  <th scope="row" className="py-1.5 pr-2 text-left font-mono font-medium text-slate-800">
                    {row.key}
                    {row.changed ? <span className="sr-only"> (changed)</span> : null}
                  </th>
                  <td className={clsx("py-1.5 pr-2", row.changed && "text-danger-700")}>
                    <Json value={row.before} />
                  </td>
                  <td className={clsx("py-1.5", row.changed && "text-success-700")}>
                    <Json value={row.after} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-label="Metadata">
        <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Metadata</h3>
        <Json value={event.metadata} block />
      </section>
    </div>
  );
}

function Term({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 text-slate-900">{children}</dd>
    </>
  );
}

function Json({ value, block = false }: { value: unknown; block?: boolean }) {
  return (
    <pre
      className={clsx(
        "font-mono text-xs break-all whitespace-pre-wrap",
        block && "rounded-md border border-slate-200 bg-slate-50 p-3 text-slate-800",
      )}
    >
      {prettyJson(value)}
    </pre>
  );
}
