import { AuthCard, SignInForm } from "@pp/ui/auth-forms";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentStaff } from "@/lib/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await currentStaff()) redirect("/provider");
  return (
    <AuthCard title="Provider Portal" subtitle="Sign in with your staff account.">
      <SignInForm afterSignIn="/provider" resetHref="/reset-password" />
    </AuthCard>
  );
}
