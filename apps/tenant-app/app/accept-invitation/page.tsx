import { MIN_PASSWORD_LENGTH } from "@pp/core/team/accept-tenant-invitation";
import { getTenantInvitation } from "@pp/core/team/get-tenant-invitation";
import { AuthCard } from "@pp/ui/auth-forms";
import { formatDateTime } from "@pp/ui/format";
import type { Metadata } from "next";
import Link from "next/link";
import { roleLabel } from "@/components/team/roles";
import { AcceptInvitationForm } from "./accept-invitation-form";

export const metadata: Metadata = { title: "Accept invitation" };
export const dynamic = "force-dynamic";

// /accept-invitation?token=… – public: the invitee from the team invitation email joins the workspace.
export default async function AcceptInvitationPage({ searchParams }: PageProps<"/accept-invitation">) {
  const { token } = await searchParams;
  const invitation = typeof token === "string" && token.length <= 200 ? await getTenantInvitation({ token }) : null;

  if (!invitation || typeof token !== "string") {
    return (
      <AuthCard
        title="This link does not work"
        subtitle="It was already used, the invitation was withdrawn, or a newer invitation replaced it."
      >
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
        hasPassword={invitation.account === "password"}
        minPasswordLength={MIN_PASSWORD_LENGTH}
      />
    </AuthCard>
  );
}

function LinkProblem() {
  return (
    <p className="text-sm text-slate-700">
      Ask the owner of your company's workspace to invite you again. Already joined?{" "}
      <Link href="/sign-in" className="text-brand-700 hover:underline">
        Sign in
      </Link>
    </p>
  );
}
