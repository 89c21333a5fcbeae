import { MIN_PASSWORD_LENGTH } from "@pp/core/team/accept-tenant-invitation";
import { getTenantInvitation } from "@pp/core/team/get-tenant-invitation";
import { AcceptInvitationForm } from "@pp/ui/accept-invitation-form";
import { AuthCard } from "@pp/ui/auth-forms";
import { InvitationProblem } from "@pp/ui/invitation-problem";
import type { Metadata } from "next";
import { roleLabel } from "@/components/team/roles";

export const metadata: Metadata = { title: "Accept invitation" };
export const dynamic = "force-dynamic";

// /accept-invitation?token=… – public: the invitee from the team invitation email joins the workspace.
export default async function AcceptInvitationPage({ searchParams }: PageProps<"/accept-invitation">) {
  const { token } = await searchParams;
  const invitation = typeof token === "string" && token.length <= 200 ? await getTenantInvitation({ token }) : null;

  if (!invitation || typeof token !== "string" || invitation.expired) {
    return (
      <InvitationProblem
        expiresAt={invitation?.expired ? invitation.expiresAt : undefined}
        invalidSubtitle="It was already used, the invitation was withdrawn, or a newer invitation replaced it."
        askAgain="Ask the owner of your company's workspace to invite you again."
        signInPrompt="Already joined?"
      />
    );
  }
  return (
    <AuthCard
      title={`Join ${invitation.tenantName}`}
      subtitle={
        <>
          {invitation.invitedByName ?? "The workspace owner"} invited{" "}
          <strong className="text-slate-700">{invitation.email}</strong> to join as{" "}
          <strong className="text-slate-700">{roleLabel(invitation.role).toLowerCase()}</strong>.
        </>
      }
    >
      <AcceptInvitationForm
        token={token}
        url="/api/team-invitations/accept"
        minPasswordLength={MIN_PASSWORD_LENGTH}
        submitLabel="Join the team"
        success="Your account is ready — sign in with your new password"
        existingAccount={
          invitation.account === "password"
            ? {
                note: "You already have a TradeDesk account with this email. Accept the invitation, then sign in with your usual password to open the workspace.",
                submitLabel: "Accept and sign in",
                success: "You joined the team — sign in with your usual password",
              }
            : undefined
        }
      />
    </AuthCard>
  );
}
