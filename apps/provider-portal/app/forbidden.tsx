import { ButtonLink } from "@pp/ui/button";
import { EmptyState } from "@pp/ui/empty-state";
import { ShieldAlert } from "lucide-react";

// Rendered by `forbidden()` when the staff role lacks the page's permission (403).
export default function Forbidden() {
  return (
    <main className="mx-auto max-w-2xl px-4 py-20">
      <EmptyState
        icon={<ShieldAlert />}
        title="Your role does not include this page"
        description="Ask an admin to change your role in Security & Compliance if you need access."
        action={
          <ButtonLink href="/provider" variant="primary">
            Go to the dashboard
          </ButtonLink>
        }
      />
    </main>
  );
}
