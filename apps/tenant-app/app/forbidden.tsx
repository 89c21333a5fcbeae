import { ButtonLink } from "@pp/ui/button";
import { EmptyState } from "@pp/ui/empty-state";
import { ShieldAlert } from "lucide-react";

// A member whose role is below what a page needs (403).
export default function Forbidden() {
  return (
    <main className="mx-auto flex min-h-screen max-w-lg items-center px-4">
      <EmptyState
        className="w-full"
        icon={<ShieldAlert />}
        title="Your role cannot open this page"
        description="Ask an owner of your company's workspace to change your role if you need access."
        action={<ButtonLink href="/">Your workspaces</ButtonLink>}
      />
    </main>
  );
}
