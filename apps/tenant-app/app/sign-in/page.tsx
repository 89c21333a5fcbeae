import { AuthCard, SignInForm } from "@pp/ui/auth-forms";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await currentUser()) redirect("/");
  return (
    <AuthCard title="TradeDesk" subtitle="Sign in to manage your leads, team and billing.">
      <SignInForm afterSignIn="/" resetHref="/reset-password" />
    </AuthCard>
  );
}
