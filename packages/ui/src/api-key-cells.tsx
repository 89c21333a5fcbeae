/** Mirrors `ApiKeyStatus` in @pp/core/api-keys (the UI package does not depend on the domain). */
type ApiKeyStatus = "active" | "expired" | "revoked";

import { Badge, type BadgeTone } from "./badge";

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
