"use client";

import { Dialog } from "@pp/ui/dialog";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";

/**
 * The event detail as a side drawer. It is open because the URL says `?event=<id>` (so a link to
 * one event can be shared); closing it goes back to the same list without the param.
 */
export function AuditEventDrawer({
  title,
  description,
  closeHref,
  children,
}: {
  title: string;
  description: string;
  closeHref: string;
  children: ReactNode;
}) {
  const router = useRouter();
  return (
    <Dialog
      open
      onOpenChange={(open) => {
        if (!open) router.push(closeHref, { scroll: false });
      }}
      side="right"
      title={title}
      titleClassName="truncate font-mono"
      description={description}
      closeLabel="Close event details"
    >
      {children}
    </Dialog>
  );
}
