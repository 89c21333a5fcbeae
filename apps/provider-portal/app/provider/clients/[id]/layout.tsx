import { staffCan } from "@pp/core/auth/permissions";
import { LIFECYCLE_LABELS } from "@pp/core/success/lifecycle-stage";
import { listAssignableStaff } from "@pp/core/success/list-assignable-staff";
import { StatusBadge } from "@pp/ui/badge";
import { formatCents, formatDate } from "@pp/ui/format";
import { PageHeader } from "@pp/ui/page-header";
import Link from "next/link";
import type { ReactNode } from "react";
import { tradeLabel } from "@/lib/labels";
import { permissionFor } from "@/lib/navigation";
import { requireStaff } from "@/lib/session";
import { ClientTabs } from "./client-tabs";
import { CsmPicker } from "./csm-picker";
import { HealthBadge, TrendArrow } from "./health-badge";
import { loadClientSuccess, loadOverview } from "./load-client";

/**
 * Client 360: the header a CSM works from (owner, plan, renewal, ARR, health, NPS, lifecycle
 * stage with its rule, CSM) above every tab, each tab with its own URL.
 */
export default async function ClientLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string }>;
}) {
  const staff = await requireStaff(permissionFor("/provider/clients"));
  const { id } = await params;
  const overview = await loadOverview(id);
  const canWrite = staffCan(staff.role, "success:write");
  const [success, assignable] = await Promise.all([
    loadClientSuccess(overview.tenant.id),
    canWrite ? listAssignableStaff() : Promise.resolve([]),
  ]);
  const { tenant, subscription } = overview;
  const { health, nps, lifecycle } = success;

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/provider/clients" className="hover:text-slate-700">
            ← Clients
          </Link>
        }
        title={
          <span className="flex items-center gap-3">
            {tenant.name}
            <StatusBadge status={tenant.status} />
          </span>
        }
        description={
          <span>
            {tradeLabel(tenant.trade)}
            {tenant.region ? ` · ${tenant.region}` : ""} · <span className="font-mono">{tenant.slug}</span> · client
            since {formatDate(tenant.createdAt)}
          </span>
        }
      />

      <dl
        aria-label="Client summary"
        className="mb-6 grid grid-cols-2 gap-px overflow-hidden rounded-card border border-line bg-slate-200 shadow-card md:grid-cols-4"
      >
        <Fact label="Owner">
          {overview.owner ? (
            <>
              {overview.owner.name}
              <span className="block truncate text-xs font-normal text-slate-500">{overview.owner.email}</span>
            </>
          ) : (
            <Muted>No owner yet</Muted>
          )}
        </Fact>
        <Fact label="Plan">{overview.plan?.name ?? subscription?.planName ?? <Muted>No plan</Muted>}</Fact>
        <Fact label="Renewal date">
          {overview.renewalDate ? formatDate(overview.renewalDate) : <Muted>No current subscription</Muted>}
        </Fact>
        <Fact label="ARR">{formatCents(overview.arrCents, subscription?.currency ?? "USD", { compact: true })}</Fact>
        <Fact label="Health score">
          <Link
            href={`/provider/clients/${tenant.id}/health`}
            className="flex flex-wrap items-center gap-2 hover:underline"
          >
            <span className="text-lg tabular-nums" data-testid="health-score">
              {health.score}
            </span>
            <HealthBadge band={health.band} />
            <TrendArrow trend={health.trend} previous={health.previous?.score ?? null} />
          </Link>
        </Fact>
        <Fact label="NPS">
          {nps.latest ? (
            <span data-testid="nps-latest">
              Latest {nps.latest.score}
              <span className="block text-xs font-normal text-slate-500">
                Score {nps.trailing.nps} from {nps.trailing.responses} answer{nps.trailing.responses === 1 ? "" : "s"}
              </span>
            </span>
          ) : (
            <Muted>No answers yet</Muted>
          )}
        </Fact>
        <Fact label="Lifecycle stage">
          {LIFECYCLE_LABELS[lifecycle.stage]}
          <span className="block text-xs font-normal text-slate-500">{lifecycle.rule}</span>
        </Fact>
        <Fact label="CSM">
          {canWrite ? (
            <CsmPicker tenantId={tenant.id} current={overview.csm?.id ?? null} staff={assignable} />
          ) : (
            (overview.csm?.name ?? <Muted>Unassigned</Muted>)
          )}
        </Fact>
      </dl>

      <ClientTabs tenantId={tenant.id} />
      {children}
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="bg-surface px-4 py-3">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-1 text-sm font-semibold text-slate-900">{children}</dd>
    </div>
  );
}

function Muted({ children }: { children: ReactNode }) {
  return <span className="font-normal text-slate-400">{children}</span>;
}
