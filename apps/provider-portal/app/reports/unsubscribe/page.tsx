import { describeUnsubscribeLink } from "@pp/core/reports/unsubscribe-from-reports";
import { AuthCard } from "@pp/ui/auth-forms";
import type { Metadata } from "next";
import { UnsubscribeButton } from "./unsubscribe-button";

export const metadata: Metadata = { title: "Unsubscribe" };
export const dynamic = "force-dynamic";

// /reports/unsubscribe?token=… – public: the digest's unsubscribe link. Opening it changes nothing (mail
// scanners open links); the button does, without signing in.
export default async function UnsubscribePage({ searchParams }: PageProps<"/reports/unsubscribe">) {
  const { token } = await searchParams;
  const link =
    typeof token === "string" && token.length <= 200
      ? await describeUnsubscribeLink({ token })
      : { valid: false as const };
  if (!link.valid || typeof token !== "string") {
    return (
      <AuthCard title="This unsubscribe link is not valid" subtitle="It may have been cut short when it was copied.">
        <p className="text-sm text-slate-600">
          Open the link from the digest email again, or sign in and stop the digest on the Scheduled Reports page.
        </p>
      </AuthCard>
    );
  }
  if (!link.subscribed) {
    return (
      <AuthCard title="You are unsubscribed" subtitle="No more digests will be sent for this subscription.">
        <p className="text-sm text-slate-600">
          To get them again, sign in and subscribe on the Scheduled Reports page.
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Unsubscribe from the digest"
      subtitle={
        <>
          Stop the scheduled digest emails to <strong className="text-slate-700">{link.email}</strong>.
        </>
      }
    >
      <UnsubscribeButton token={token} />
    </AuthCard>
  );
}
