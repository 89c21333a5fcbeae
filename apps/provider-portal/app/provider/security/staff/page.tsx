import { staffCan } from "@pp/core/auth/permissions";
import { loadFirstPageIfStale } from "@pp/core/pagination";
import { listStaff, type StaffListItem } from "@pp/core/staff/list-staff";
import { Badge, StatusBadge } from "@pp/ui/badge";
import { Card } from "@pp/ui/card";
import type { Column } from "@pp/ui/data-table";
import { FilterBar } from "@pp/ui/filter-bar";
import { formatDate } from "@pp/ui/format";
import { InviteForm } from "@pp/ui/invite-form";
import { PageHeader } from "@pp/ui/page-header";
import { PagedTable } from "@pp/ui/paged-table";
import type { UrlParams } from "@pp/ui/url";
import { Users } from "lucide-react";
import type { Metadata } from "next";
import { ZListStaffQuery } from "@/app/api/provider/staff/schema";
import { parsePageParams } from "@/lib/query-params";
import { requireStaff } from "@/lib/session";
import { SecurityTabs } from "../security-tabs";
import { STAFF_ROLE_OPTIONS, staffRoleLabel } from "./roles";
import { StaffRoleSelect, StaffRowActions, type StaffRowMember } from "./staff-actions";

export const metadata: Metadata = { title: "Staff & roles" };
export const dynamic = "force-dynamic";

const PATH = "/provider/security/staff";
const FILTERS = ["search", "status", "role"] as const;
const STATUS_OPTIONS = [
  { value: "active", label: "Active" },
  { value: "invited", label: "Invited" },
  { value: "deactivated", label: "Deactivated" },
];

// /provider/security/staff – provider staff and their roles; admins (staff:manage) invite, change roles and deactivate.
export default async function StaffPage({ searchParams }: { searchParams: Promise<UrlParams> }) {
  // The navigation registry lists the section (/provider/security); this tab needs staff:read.
  const staff = await requireStaff("staff:read");
  const params = await searchParams;
  const query = parsePageParams(ZListStaffQuery, params);
  const loaded = await loadFirstPageIfStale(query.cursor, (cursor) => listStaff({ ...query, cursor }));
  const canManage = staffCan(staff.role, "staff:manage");
  const filtering = FILTERS.some((name) => query[name] !== undefined);

  const rowMember = (row: StaffListItem): StaffRowMember => ({
    id: row.id,
    name: row.name.trim() || row.email,
    email: row.email,
    role: row.role,
    status: row.status,
  });
  const columns: Column<StaffListItem>[] = [
    {
      key: "name",
      header: "Name",
      cell: (row) => (
        <span className="font-medium text-slate-900">
          {row.name.trim() || row.email}
          {row.userId === staff.userId ? (
            <Badge tone="brand" className="ml-2">
              You
            </Badge>
          ) : null}
        </span>
      ),
    },
    { key: "email", header: "Email", cell: (row) => row.email },
    {
      key: "role",
      header: "Role",
      // Your own role is not yours to change (another admin must), so it shows as text.
      cell: (row) =>
        canManage && row.userId !== staff.userId ? (
          <StaffRoleSelect member={rowMember(row)} />
        ) : (
          staffRoleLabel(row.role)
        ),
    },
    { key: "status", header: "Status", cell: (row) => <StaffStatus row={row} /> },
    {
      key: "invitedBy",
      header: "Invited by",
      cell: (row) => row.invitedBy?.name ?? <span className="text-slate-400">—</span>,
    },
    {
      key: "since",
      header: "Since",
      cell: (row) => <span className="whitespace-nowrap">{formatDate(row.since)}</span>,
    },
  ];
  if (canManage) {
    columns.push({
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "right",
      cell: (row) => (row.userId === staff.userId ? null : <StaffRowActions member={rowMember(row)} />),
    });
  }

  return (
    <>
      <PageHeader
        title="Security & Compliance"
        description={
          canManage
            ? "Invite staff, choose what each role may do, and deactivate anyone who should no longer sign in."
            : "Who can sign in to the Provider Portal and with which role. Only admins can change staff."
        }
      />
      <SecurityTabs role={staff.role} current="staff" />
      {canManage ? (
        <Card
          className="mb-6"
          title="Invite staff"
          description="They get an email with a link to choose a password. Invitations expire after 7 days."
        >
          <InviteForm url="/api/provider/staff/invitations" roles={STAFF_ROLE_OPTIONS} defaultRole="viewer" withName />
        </Card>
      ) : null}
      <FilterBar
        pathname={PATH}
        params={params}
        fields={[
          { kind: "search", name: "search", label: "Search", placeholder: "Name or email" },
          { kind: "select", name: "status", label: "Status", options: STATUS_OPTIONS },
          {
            kind: "select",
            name: "role",
            label: "Role",
            options: STAFF_ROLE_OPTIONS.map(({ value, label }) => ({ value, label })),
          },
        ]}
      />
      <PagedTable
        caption="Staff"
        columns={columns}
        loaded={loaded}
        pathname={PATH}
        params={params}
        empty={{
          filtered: filtering,
          filteredTitle: "No staff match these filters",
          filteredDescription: "Try fewer filters, or clear them to see everyone.",
          icon: <Users />,
          title: "No staff yet",
          description: canManage
            ? "Invite your first colleague with the form above."
            : "Ask an admin to invite your colleagues.",
        }}
      />
    </>
  );
}

function StaffStatus({ row }: { row: StaffListItem }) {
  if (row.status === "invited") {
    const expired = row.invitationExpiresAt === null || row.invitationExpiresAt <= new Date();
    return (
      <div className="flex flex-col items-start gap-0.5">
        <StatusBadge status={expired ? "expired" : "invited"} />
        <span className="text-xs text-slate-500">
          {expired ? "Invitation expired — resend it" : `Link valid until ${formatDate(row.invitationExpiresAt)}`}
        </span>
      </div>
    );
  }
  if (row.status === "deactivated") {
    return (
      <div className="flex flex-col items-start gap-0.5">
        <StatusBadge status="deactivated" />
        <span className="text-xs text-slate-500">Since {formatDate(row.deactivatedAt)}</span>
      </div>
    );
  }
  return <StatusBadge status={row.status} />;
}
