import { ssoErrorMessage } from "@pp/core/federation/sso/sso-errors";
import { AuthCard, SignInForm } from "@pp/ui/auth-forms";
import { SignInDivider, SsoSignInForm, SsoSignInLink } from "@pp/ui/sso-sign-in";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/session";

export const metadata: Metadata = { title: "Sign in" };

// GET /sign-in – password sign-in, always; with ?sso=1 (or a failed SSO's ?sso_error=) the SSO form above it.
export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  if (await currentUser()) redirect("/");
  const { sso, sso_error: ssoError } = await searchParams;
  const ssoMessage = ssoErrorMessage(typeof ssoError === "string" ? ssoError : null);
  const showSso = sso === "1" || ssoMessage !== null;
  return (
    <AuthCard title="TradeDesk" subtitle="Sign in to manage your leads, team and billing.">
      {showSso ? (
        <>
          <SsoSignInForm message={ssoMessage} />
          <SignInDivider label="or use your password" />
        </>
      ) : null}
      <SignInForm afterSignIn="/" resetHref="/reset-password" />
      {showSso ? null : <SsoSignInLink href="/sign-in?sso=1" />}
    </AuthCard>
  );
}
