"use client";

import type { BulkItemResult } from "@pp/core/incidents/bulk-update-incidents";
import type { IncidentListItem } from "@pp/core/incidents/list-incidents";
import { useApiForm } from "@pp/ui/api-form";
import { StatusBadge } from "@pp/ui/badge";
import { Button } from "@pp/ui/button";
import { Input, Select } from "@pp/ui/field";
import { formatDateTime } from "@pp/ui/format";
import { toast } from "@pp/ui/toaster";
import Link from "next/link";
import { useId, useState } from "react";
import { SlaClockBadge } from "./sla-clock-badge";

type BulkAnswer = { results: BulkItemResult[]; succeeded: number; failed: number };

/** The incident list with row selection and bulk acknowledge / assign / resolve (a result per row). */
export function IncidentTable({
  rows,
  now,
  assignees,
  canWrite,
}: {
  rows: IncidentListItem[];
  now: Date;
  assignees: { value: string; label: string }[];
  canWrite: boolean;
}) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [assignee, setAssignee] = useState("");
  const [note, setNote] = useState("");
  const noteId = useId();
  const [failures, setFailures] = useState<Map<string, string>>(new Map());
  const chosen = rows.filter((row) => selected.has(row.id)).map((row) => row.id);

  function toggle(id: string) {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  const form = useApiForm<BulkAnswer>({
    url: "/api/provider/incidents/bulk",
    idempotent: true,
    refresh: true,
    fieldErrorsToast: true,
    // Some rows may fail while others succeed: those stay selected with their reason.
    onSuccess: (answer) => {
      const failed = new Map(
        answer.results.flatMap((result) => (result.ok ? [] : [[result.id, result.error.message] as const])),
      );
      setFailures(failed);
      setSelected(new Set(failed.keys()));
      if (answer.failed === 0)
        toast.success(`${answer.succeeded} incident${answer.succeeded === 1 ? "" : "s"} updated`);
      else toast.warning(`${answer.succeeded} updated, ${answer.failed} not — see the marked rows`);
    },
  });
  const pending = form.pending;

  function bulk(body: Record<string, unknown>) {
    void form.submit({ ...body, ids: chosen });
  }

  return (
    <div className="overflow-x-auto rounded-card border border-line bg-surface shadow-card">
      {canWrite ? (
        <div
          role="toolbar"
          className="flex flex-wrap items-center gap-2 border-b border-line px-4 py-2.5 text-sm"
          aria-label="Bulk actions"
        >
          <span className="font-medium text-slate-900">{chosen.length} selected</span>
          <Button size="sm" disabled={pending || chosen.length === 0} onClick={() => bulk({ action: "acknowledge" })}>
            Acknowledge
          </Button>
          <div className="w-48">
            <Select aria-label="Assign to" value={assignee} onChange={(event) => setAssignee(event.target.value)}>
              <option value="">Assign to…</option>
              {assignees.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </Select>
          </div>
          <Button
            size="sm"
            disabled={pending || chosen.length === 0 || assignee === ""}
            onClick={() => bulk({ action: "assign", assigneeId: assignee })}
          >
            Assign
          </Button>
          <label htmlFor={noteId} className="text-xs text-slate-600">
            Resolution note
          </label>
          <span className="block w-56">
            <Input id={noteId} value={note} maxLength={10_000} onChange={(event) => setNote(event.target.value)} />
          </span>
          <Button
            size="sm"
            variant="primary"
            disabled={pending || chosen.length === 0 || note.trim() === ""}
            onClick={() => bulk({ action: "resolve", note })}
          >
            Resolve
          </Button>
        </div>
      ) : null}
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Incidents, newest first</caption>
        <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
          <tr>
            {canWrite ? (
              <th className="w-10 px-4 py-2.5">
                <input
                  type="checkbox"
                  aria-label="Select all"
                  checked={rows.length > 0 && chosen.length === rows.length}
                  onChange={(event) => setSelected(new Set(event.target.checked ? rows.map((row) => row.id) : []))}
                />
              </th>
            ) : null}
            <th className="px-4 py-2.5">Incident</th>
            <th className="px-4 py-2.5">Client</th>
            <th className="px-4 py-2.5">Severity</th>
            <th className="px-4 py-2.5">Status</th>
            <th className="px-4 py-2.5">SLA clock</th>
            <th className="px-4 py-2.5">Assignee</th>
            <th className="px-4 py-2.5">Opened</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} data-incident-id={row.id} className={selected.has(row.id) ? "bg-brand-50/40" : undefined}>
              {canWrite ? (
                <td className="px-4 py-3">
                  <input
                    type="checkbox"
                    aria-label={`Select ${row.title}`}
                    checked={selected.has(row.id)}
                    onChange={() => toggle(row.id)}
                  />
                </td>
              ) : null}
              <td className="px-4 py-3">
                <Link
                  href={`/provider/incidents/${row.id}`}
                  className="font-medium text-slate-900 hover:text-brand-700"
                >
                  {row.title}
                </Link>
                {row.source === "tenant" ? <span className="ml-2 text-xs text-slate-500">support request</span> : null}
                {failures.has(row.id) ? <p className="mt-1 text-xs text-danger-700">{failures.get(row.id)}</p> : null}
              </td>
              <td className="px-4 py-3">{row.tenantName ?? <span className="text-slate-400">Platform</span>}</td>
              <td className="px-4 py-3 uppercase">{row.severity}</td>
              <td className="px-4 py-3">
                <StatusBadge status={row.status} />
              </td>
              <td className="px-4 py-3">
                <SlaClockBadge clock={row.clock} now={now} />
              </td>
              <td className="px-4 py-3">{row.assigneeName ?? <span className="text-slate-400">Unassigned</span>}</td>
              <td className="px-4 py-3 whitespace-nowrap">{formatDateTime(row.openedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
