import { AuthCard, RequestResetForm, ResetPasswordForm } from "@pp/ui/auth-forms";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Reset password · TradeDesk" };

export default async function ResetPasswordPage({ searchParams }: PageProps<"/reset-password">) {
  const { token, error } = await searchParams;
  if (typeof token === "string" && token) {
    return (
      <AuthCard title="Choose a new password">
        <ResetPasswordForm token={token} signInHref="/sign-in" />
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Reset your password"
      subtitle={error ? "That link is invalid or has expired. Ask for a new one." : "We will email you a link."}
    >
      <RequestResetForm signInHref="/sign-in" />
    </AuthCard>
  );
}
