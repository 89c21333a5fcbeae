import { RowActions } from "@pp/ui/member-actions";

type Invitation = { id: string; email: string; role: string };

/** Resend (refreshes the 7-day expiry and emails again) and revoke a pending invitation. */
export function InvitationActions({ slug, invitation }: { slug: string; invitation: Invitation }) {
  return (
    <RowActions
      actions={[
        {
          label: "Resend",
          method: "POST",
          url: `/api/t/${slug}/team/invitations`,
          body: { email: invitation.email, role: invitation.role },
          idempotent: true,
          success: `Invitation to ${invitation.email} sent again`,
        },
        {
          label: "Revoke",
          method: "DELETE",
          url: `/api/t/${slug}/team/invitations/${invitation.id}`,
          success: `Invitation to ${invitation.email} revoked`,
        },
      ]}
    />
  );
}
