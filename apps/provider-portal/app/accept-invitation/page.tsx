import { MIN_PASSWORD_LENGTH } from "@pp/core/staff/accept-staff-invitation";
import { getStaffInvitation } from "@pp/core/staff/get-staff-invitation";
import { AuthCard } from "@pp/ui/auth-forms";
import { formatDateTime } from "@pp/ui/format";
import type { Metadata } from "next";
import Link from "next/link";
import { staffRoleLabel } from "@/app/provider/security/staff/roles";
import { AcceptInvitationForm } from "./accept-invitation-form";

export const metadata: Metadata = { title: "Accept invitation" };
export const dynamic = "force-dynamic";

// /accept-invitation?token=… – public: the invitee from the staff invitation email chooses a name and password.
export default async function AcceptInvitationPage({ searchParams }: PageProps<"/accept-invitation">) {
  const { token } = await searchParams;
  const invitation = typeof token === "string" && token.length <= 200 ? await getStaffInvitation({ token }) : null;

  if (!invitation || typeof token !== "string") {
    return (
      <AuthCard title="This link does not work" subtitle="It was already used, or a newer invitation replaced it.">
        <LinkProblem />
      </AuthCard>
    );
  }
  if (invitation.expired) {
    return (
      <AuthCard title="This invitation has expired" subtitle={`It expired on ${formatDateTime(invitation.expiresAt)}.`}>
        <LinkProblem />
      </AuthCard>
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
      <AcceptInvitationForm token={token} defaultName={invitation.name} minPasswordLength={MIN_PASSWORD_LENGTH} />
    </AuthCard>
  );
}

function LinkProblem() {
  return (
    <p className="text-sm text-slate-700">
      Ask a Provider Portal admin to send you a new invitation. Already set your password?{" "}
      <Link href="/sign-in" className="text-brand-700 hover:underline">
        Sign in
      </Link>
    </p>
  );
}
