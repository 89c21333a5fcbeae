import { MIN_PASSWORD_LENGTH } from "@pp/core/staff/accept-staff-invitation";
import { getStaffInvitation } from "@pp/core/staff/get-staff-invitation";
import { AcceptInvitationForm } from "@pp/ui/accept-invitation-form";
import { AuthCard } from "@pp/ui/auth-forms";
import { InvitationProblem } from "@pp/ui/invitation-problem";
import type { Metadata } from "next";
import { staffRoleLabel } from "@/app/provider/security/staff/roles";

export const metadata: Metadata = { title: "Accept invitation" };
export const dynamic = "force-dynamic";

// /accept-invitation?token=… – public: the invitee from the staff invitation email chooses a name and password.
export default async function AcceptInvitationPage({ searchParams }: PageProps<"/accept-invitation">) {
  const { token } = await searchParams;
  const invitation = typeof token === "string" && token.length <= 200 ? await getStaffInvitation({ token }) : null;

  if (!invitation || typeof token !== "string" || invitation.expired) {
    return (
      <InvitationProblem
        expiresAt={invitation?.expired ? invitation.expiresAt : undefined}
        invalidSubtitle="It was already used, or a newer invitation replaced it."
        askAgain="Ask a Provider Portal admin to send you a new invitation."
        signInPrompt="Already set your password?"
      />
    );
  }
  return (
    <AuthCard
      title="Join the Provider Portal"
      subtitle={
        <>
          {invitation.invitedByName ?? "An admin"} invited{" "}
          <strong className="text-slate-700">{invitation.email}</strong> as{" "}
          {staffRoleLabel(invitation.role).toLowerCase()}. Choose your password to finish.
        </>
      }
    >
      <AcceptInvitationForm
        url="/api/staff-invitations/accept"
        token={token}
        defaultName={invitation.name}
        minPasswordLength={MIN_PASSWORD_LENGTH}
        submitLabel="Activate my account"
        success="Your account is ready — sign in with your new password"
      />
    </AuthCard>
  );
}
