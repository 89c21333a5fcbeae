"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { X } from "lucide-react";
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
    <Dialog.Root
      open
      onOpenChange={(open) => {
        if (!open) router.push(closeHref, { scroll: false });
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/30" />
        <Dialog.Content className="fixed inset-y-0 right-0 z-50 flex w-[min(720px,100vw)] flex-col border-l border-slate-200 bg-white shadow-2xl focus:outline-none">
          <header className="flex items-start justify-between gap-4 border-b border-slate-200 px-5 py-4">
            <div className="min-w-0">
              <Dialog.Title className="truncate font-mono text-base font-semibold text-slate-900">{title}</Dialog.Title>
              <Dialog.Description className="mt-0.5 text-xs text-slate-500">{description}</Dialog.Description>
            </div>
            <Dialog.Close
              aria-label="Close event details"
              className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
            >
              <X className="size-4" aria-hidden />
            </Dialog.Close>
          </header>
          <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">{children}</div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
