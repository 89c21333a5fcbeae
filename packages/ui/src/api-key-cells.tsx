/** Mirrors `ApiKeyStatus` in @pp/core/api-keys (the UI package does not depend on the domain). */
type ApiKeyStatus = "active" | "expired" | "revoked";

import { RevokeKeyButton } from "./api-key-revoke-button";
import { Badge, type BadgeTone } from "./badge";
import type { Column } from "./data-table";
import { formatCalendarDate, lastDayBefore } from "./format";

const STATUS: Record<ApiKeyStatus, { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "success" },
  expired: { label: "Expired", tone: "neutral" },
  revoked: { label: "Revoked", tone: "danger" },
};

export function ApiKeyStatusBadge({ status }: { status: ApiKeyStatus }) {
  return <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>;
}

export function ScopeList({ scopes }: { scopes: readonly string[] }) {
  return (
    <ul className="flex flex-wrap gap-1">
      {scopes.map((scope) => (
        <li key={scope}>
          <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{scope}</code>
        </li>
      ))}
    </ul>
  );
}

/** What a key list row needs (a structural copy of core's `ApiKeySummary`). */
export type ApiKeyRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: readonly string[];
  status: ApiKeyStatus;
  createdAt: Date;
  createdBy: { name: string } | null;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
};

export type ApiKeyColumnsOptions<Row extends ApiKeyRow> = {
  /** "Mar 4, 2026, 2:05 PM" in the reader's clock (the tenant's zone, or UTC for staff). */
  formatMoment: (value: Date) => string;
  formatDay: (value: Date) => string;
  /** The revoke endpoint of a row; no actions column without it (readers who cannot revoke). */
  revokeUrl?: (key: Row) => string;
  /** Columns one app adds: after the key's name (the tenant) and after its status (the rate limit). */
  afterName?: Column<Row>[];
  afterStatus?: Column<Row>[];
};

/**
 * The API key list's columns in both apps. Expiry is a date, the same in both: a key "works through
 * that day (UTC)", so it reads as that UTC day whatever the reader's time zone.
 */
export function apiKeyColumns<Row extends ApiKeyRow>({
  formatMoment,
  formatDay,
  revokeUrl,
  afterName = [],
  afterStatus = [],
}: ApiKeyColumnsOptions<Row>): Column<Row>[] {
  const columns: Column<Row>[] = [
    {
      key: "name",
      header: "Key",
      cell: (key) => (
        <div>
          <p className="font-medium text-slate-900">{key.name}</p>
          <p className="font-mono text-xs text-slate-500">{key.prefix}…</p>
        </div>
      ),
    },
    ...afterName,
    { key: "scopes", header: "Scopes", cell: (key) => <ScopeList scopes={key.scopes} /> },
    { key: "status", header: "Status", cell: (key) => <ApiKeyStatusBadge status={key.status} /> },
    ...afterStatus,
    {
      key: "lastUsed",
      header: "Last used",
      cell: (key) => (
        <span className="whitespace-nowrap">{key.lastUsedAt ? formatMoment(key.lastUsedAt) : "Never"}</span>
      ),
    },
    {
      key: "expires",
      header: "Expires",
      cell: (key) =>
        key.expiresAt ? (
          <span className="whitespace-nowrap" title="Works through the end of this day, UTC">
            {formatCalendarDate(lastDayBefore(key.expiresAt))}
          </span>
        ) : (
          "Never"
        ),
    },
    {
      key: "created",
      header: "Created",
      cell: (key) => (
        <div className="whitespace-nowrap">
          <p>{formatDay(key.createdAt)}</p>
          <p className="text-xs text-slate-500">{key.createdBy?.name ?? "—"}</p>
        </div>
      ),
    },
  ];
  if (revokeUrl) {
    columns.push({
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "right",
      cell: (key) => (key.status === "revoked" ? null : <RevokeKeyButton endpoint={revokeUrl(key)} name={key.name} />),
    });
  }
  return columns;
}
