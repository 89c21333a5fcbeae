import { ButtonLink } from "@pp/ui/button";
import { EmptyState } from "@pp/ui/empty-state";
import { SearchX } from "lucide-react";

// Unknown pages and workspaces you are not a member of look the same: a 404 never confirms a tenant exists.
export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-lg items-center px-4">
      <EmptyState
        className="w-full"
        icon={<SearchX />}
        title="Page not found"
        description="Check the address, or go to your workspaces. If a teammate sent you this link, ask them to invite you."
        action={<ButtonLink href="/">Your workspaces</ButtonLink>}
      />
    </main>
  );
}
