import { ResetPasswordScreen } from "@pp/ui/auth-forms";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Reset password" };

// GET /reset-password – ask for a reset link, or (from the emailed link) choose a new password.
export default async function ResetPasswordPage({ searchParams }: PageProps<"/reset-password">) {
  const { token, error } = await searchParams;
  return (
    <ResetPasswordScreen token={typeof token === "string" && token ? token : undefined} linkFailed={Boolean(error)} />
  );
}
