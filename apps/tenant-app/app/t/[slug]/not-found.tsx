"use client";

import { ButtonLink } from "@pp/ui/button";
import { EmptyState } from "@pp/ui/empty-state";
import { SearchX } from "lucide-react";
import { useParams } from "next/navigation";

// Inside a workspace: a lead or page that does not exist here (or belongs to someone else) — no hint which.
export default function TenantNotFound() {
  const { slug } = useParams<{ slug: string }>();
  return (
    <EmptyState
      icon={<SearchX />}
      title="We could not find that"
      description="The link may be mistyped, or the item was removed. Go back to your lead list or dashboard."
      action={
        <>
          <ButtonLink href={`/t/${slug}/leads`}>All leads</ButtonLink>
          <ButtonLink href={`/t/${slug}`} variant="ghost">
            Dashboard
          </ButtonLink>
        </>
      }
    />
  );
}
