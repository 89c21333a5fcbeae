import { ButtonLink } from "@pp/ui/button";
import { EmptyState } from "@pp/ui/empty-state";
import { SearchX } from "lucide-react";

/** The one "not found" body: the shell's 404 and the site-wide one say the same thing. */
export function NotFoundMessage({ title = "We could not find that page" }: { title?: string }) {
  return (
    <EmptyState
      icon={<SearchX />}
      title={title}
      description="It may have been moved, or the link has a typo. Press ⌘K to search for a tenant or page, or go back to the dashboard."
      action={
        <>
          <ButtonLink href="/provider" variant="primary">
            Go to the dashboard
          </ButtonLink>
          <ButtonLink href="/provider/clients">Open Clients</ButtonLink>
        </>
      }
    />
  );
}
