import { STAFF_PERMISSIONS, staffCan } from "@pp/core/auth/permissions";
import { getStaffSummary } from "@pp/core/staff/get-staff-summary";
import { Card, KpiCard } from "@pp/ui/card";
import { DataTable } from "@pp/ui/data-table";
import { EmptyState } from "@pp/ui/empty-state";
import { formatCount } from "@pp/ui/format";
import { PageHeader } from "@pp/ui/page-header";
import { MailPlus, ShieldCheck, UserCheck, UserX } from "lucide-react";
import type { Metadata } from "next";
import { permissionFor } from "@/lib/navigation";
import { requireStaff } from "@/lib/session";
import { SecurityTabs } from "./security-tabs";
import { STAFF_ROLE_OPTIONS } from "./staff/roles";

export const metadata: Metadata = { title: "Security & Compliance" };
export const dynamic = "force-dynamic";

const STAFF_PATH = "/provider/security/staff";

// /provider/security – who can reach the portal, and what each role may do.
export default async function SecurityPage() {
  const staff = await requireStaff(permissionFor("/provider/security"));
  const summary = await getStaffSummary();
  const staffLink = (query: string) => (staffCan(staff.role, "staff:read") ? `${STAFF_PATH}${query}` : undefined);

  return (
    <>
      <PageHeader
        title="Security & Compliance"
        description="Who can sign in to the Provider Portal, with which role, and what each role may change."
      />
      <SecurityTabs role={staff.role} current="overview" />
      <section aria-label="Staff counts" className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <KpiCard
          label="Active staff"
          value={formatCount(summary.active)}
          hint="Can sign in now"
          href={staffLink("?status=active")}
          icon={<UserCheck />}
        />
        <KpiCard
          label="Admins"
          value={formatCount(summary.activeByRole.admin)}
          hint={summary.activeByRole.admin <= 1 ? "Add a second admin so one can cover the other" : "Active admins"}
          href={staffLink("?status=active&role=admin")}
          icon={<ShieldCheck />}
          tone={summary.activeByRole.admin <= 1 ? "warn" : "neutral"}
        />
        <KpiCard
          label="Pending invitations"
          value={formatCount(summary.invited)}
          hint={
            summary.invitationsExpired > 0
              ? `${formatCount(summary.invitationsExpired)} expired — send again`
              : "Waiting for acceptance"
          }
          href={staffLink("?status=invited")}
          icon={<MailPlus />}
          tone={summary.invitationsExpired > 0 ? "warn" : "neutral"}
        />
        <KpiCard
          label="Deactivated"
          value={formatCount(summary.deactivated)}
          hint="Signed out, cannot sign in"
          href={staffLink("?status=deactivated")}
          icon={<UserX />}
        />
      </section>
      <Card
        className="mt-6"
        title="Roles"
        description="Every role reads every page; these are the changes each may make."
        bodyClassName="p-0"
      >
        <DataTable
          caption="Roles and their permissions"
          rows={STAFF_ROLE_OPTIONS}
          rowKey={(option) => option.value}
          columns={[
            {
              key: "role",
              header: "Role",
              cell: (option) => (
                <div>
                  <p className="font-medium text-slate-900">{option.label}</p>
                  <p className="text-xs text-slate-500">{option.description}</p>
                </div>
              ),
            },
            {
              key: "writes",
              header: "May change",
              cell: (option) => <WritePermissions permissions={STAFF_PERMISSIONS[option.value]} />,
            },
            {
              key: "active",
              header: "Active staff",
              align: "right",
              cell: (option) => formatCount(summary.activeByRole[option.value]),
            },
          ]}
          empty={<EmptyState title="No roles" />}
        />
      </Card>
    </>
  );
}

function WritePermissions({ permissions }: { permissions: readonly string[] }) {
  const writes = permissions.filter((permission) => !permission.endsWith(":read"));
  if (writes.length === 0) return <span className="text-slate-400">Nothing — read only</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {writes.map((permission) => (
        <li key={permission}>
          <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{permission}</code>
        </li>
      ))}
    </ul>
  );
}
