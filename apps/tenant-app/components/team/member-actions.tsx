import { RoleSelect, RowActions } from "@pp/ui/member-actions";
import { ROLE_OPTIONS, type RoleValue } from "./roles";

type Member = { id: string; name: string; role: RoleValue; isSelf: boolean };

/** The role of a member as a select that confirms first; the server refuses to demote the last owner (409). */
export function MemberRoleSelect({ slug, member }: { slug: string; member: Member }) {
  return (
    <RoleSelect
      url={`/api/t/${slug}/team/members/${member.id}`}
      memberName={member.name}
      role={member.role}
      roles={ROLE_OPTIONS}
    />
  );
}

/** Two clicks to remove: "Remove" then "Confirm". Removing yourself leaves the workspace. */
export function RemoveMemberButton({ slug, member }: { slug: string; member: Member }) {
  return (
    <RowActions
      actions={[
        {
          label: member.isSelf ? "Leave" : "Remove",
          confirmLabel: member.isSelf ? "Confirm leave" : "Confirm remove",
          method: "DELETE",
          url: `/api/t/${slug}/team/members/${member.id}`,
          success: `${member.name} was removed from the team`,
          thenGoTo: member.isSelf ? "/" : undefined,
        },
      ]}
    />
  );
}
