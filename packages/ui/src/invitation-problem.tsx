import Link from "next/link";
import { AuthCard } from "./auth-forms";
import { formatDateTime } from "./format";

export type InvitationProblemProps = {
  /** Expired invitations say when; anything else (used, withdrawn, replaced) reads `invalidSubtitle`. */
  expiresAt?: Date | string;
  invalidSubtitle: string;
  /** Who to ask for a new invitation, e.g. "Ask a Provider Portal admin to send you a new invitation." */
  askAgain: string;
  /** The question before "Sign in", e.g. "Already joined?" */
  signInPrompt: string;
};

/** An invitation link that no longer works: why, whom to ask, and the way to sign in instead. */
export function InvitationProblem({ expiresAt, invalidSubtitle, askAgain, signInPrompt }: InvitationProblemProps) {
  const expired = expiresAt !== undefined;
  return (
    <AuthCard
      title={expired ? "This invitation has expired" : "This link does not work"}
      subtitle={expired ? `It expired on ${formatDateTime(expiresAt)}.` : invalidSubtitle}
    >
      <p className="text-sm text-slate-700">
        {askAgain} {signInPrompt}{" "}
        <Link href="/sign-in" className="text-brand-700 underline">
          Sign in
        </Link>
      </p>
    </AuthCard>
  );
}
