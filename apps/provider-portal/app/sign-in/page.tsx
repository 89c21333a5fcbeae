import { ssoErrorMessage } from "@pp/core/federation/sso/sso-errors";
import { AuthCard, SignInForm } from "@pp/ui/auth-forms";
import { SignInDivider, SsoSignInForm, SsoSignInLink } from "@pp/ui/sso-sign-in";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentStaff } from "@/lib/session";

export const metadata: Metadata = { title: "Sign in" };

// GET /sign-in – staff password sign-in, always (a broken IdP never locks admins out); SSO with ?sso=1.
export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  if (await currentStaff()) redirect("/provider");
  const { sso, sso_error: ssoError } = await searchParams;
  const ssoMessage = ssoErrorMessage(typeof ssoError === "string" ? ssoError : null);
  const showSso = sso === "1" || ssoMessage !== null;
  return (
    <AuthCard title="Provider Portal" subtitle="Sign in with your staff account.">
      {showSso ? (
        <>
          <SsoSignInForm message={ssoMessage} />
          <SignInDivider label="or use your password" />
        </>
      ) : null}
      <SignInForm afterSignIn="/provider" resetHref="/reset-password" />
      {showSso ? null : <SsoSignInLink href="/sign-in?sso=1" />}
    </AuthCard>
  );
}
