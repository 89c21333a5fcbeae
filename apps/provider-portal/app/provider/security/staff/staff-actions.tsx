import type { StaffRole } from "@pp/core/auth/permissions";
import { RoleSelect, RowActions } from "@pp/ui/member-actions";
import { STAFF_ROLE_OPTIONS } from "./roles";

export type StaffRowMember = {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  status: "active" | "invited" | "deactivated";
};

/** The role as a select that confirms first; the server refuses self-demotion and the last admin's (409). */
export function StaffRoleSelect({ member }: { member: StaffRowMember }) {
  return (
    <RoleSelect
      url={`/api/provider/staff/${member.id}`}
      memberName={member.name}
      role={member.role}
      roles={STAFF_ROLE_OPTIONS}
    />
  );
}

/**
 * Deactivate (two clicks: it signs the person out at once), Reactivate, and Resend for invitations
 * not yet accepted. Errors (yourself, the last admin) come back from the server as toasts.
 */
export function StaffRowActions({ member }: { member: StaffRowMember }) {
  const url = (action: string) => `/api/provider/staff/${member.id}/${action}`;
  if (member.status === "deactivated") {
    return (
      <RowActions
        actions={[
          {
            label: "Reactivate",
            variant: "secondary",
            method: "POST",
            url: url("reactivate"),
            success: `${member.name} can sign in again`,
          },
        ]}
      />
    );
  }
  const invited = member.status === "invited";
  return (
    <RowActions
      actions={[
        ...(invited
          ? [
              {
                label: "Resend",
                method: "POST" as const,
                url: "/api/provider/staff/invitations",
                body: { email: member.email, name: member.name, role: member.role },
                idempotent: true,
                success: `Invitation to ${member.name} sent again`,
              },
            ]
          : []),
        {
          label: invited ? "Revoke" : "Deactivate",
          confirmLabel: "Confirm deactivate",
          method: "POST",
          url: url("deactivate"),
          success: invited ? `Invitation to ${member.name} revoked` : `${member.name} was deactivated and signed out`,
        },
      ]}
    />
  );
}
