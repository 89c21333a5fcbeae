"use client";

import * as Radix from "@radix-ui/react-dialog";
import clsx from "clsx";
import { X } from "lucide-react";
import { type FormEvent, type ReactNode, useRef } from "react";

export type DialogProps = {
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** The button that opens it (e.g. `<Button>Edit</Button>`); focus returns to it on close. */
  trigger?: ReactNode;
  /** Names the dialog for screen readers (`aria-labelledby`). */
  title: ReactNode;
  /** Describes it (`aria-describedby`); read out but visually hidden when `hideDescription`. */
  description?: ReactNode;
  hideDescription?: boolean;
  /** "center": a modal; "right": a drawer sliding in from the side. */
  side?: "center" | "right";
  size?: "sm" | "md" | "lg";
  /** Actions under the body (Cancel / Save), right-aligned. */
  footer?: ReactNode;
  /** When set, body and footer are one `<form>`: a submit button in the footer submits it. */
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
  closeLabel?: string;
  /** Extra classes on the title, e.g. `font-mono` for ids. */
  titleClassName?: string;
  children?: ReactNode;
};

const WIDTHS = {
  sm: "w-[min(440px,calc(100vw-2rem))]",
  md: "w-[min(560px,calc(100vw-2rem))]",
  lg: "w-[min(640px,calc(100vw-2rem))]",
};

/**
 * The one dialog (Radix): focus moves in and stays in, Esc and the × close it, focus returns to
 * what opened it, and the title and description label it. Use `side="right"` for a drawer.
 */
export function Dialog({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  hideDescription = false,
  side = "center",
  size = "md",
  footer,
  onSubmit,
  closeLabel = "Close",
  titleClassName,
  children,
}: DialogProps) {
  const drawer = side === "right";
  // Radix returns focus to its own Trigger only; a dialog opened from elsewhere (a row's button,
  // a URL) returns it to whatever had focus when it opened.
  const opener = useRef<HTMLElement | null>(null);
  const body = (
    <>
      {children ? (
        <div className={clsx("space-y-4 px-5 py-4", drawer && "min-h-0 flex-1 overflow-y-auto")}>{children}</div>
      ) : null}
      {footer ? (
        <footer className="flex flex-wrap items-center justify-end gap-2 border-t border-slate-200 px-5 py-3">
          {footer}
        </footer>
      ) : null}
    </>
  );
  return (
    <Radix.Root open={open} onOpenChange={onOpenChange}>
      {trigger ? <Radix.Trigger asChild>{trigger}</Radix.Trigger> : null}
      <Radix.Portal>
        <Radix.Overlay className="fixed inset-0 z-40 bg-slate-900/30" />
        <Radix.Content
          onOpenAutoFocus={() => {
            opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
          }}
          onCloseAutoFocus={(event) => {
            if (trigger) return;
            event.preventDefault();
            if (opener.current?.isConnected) opener.current.focus();
          }}
          // Without a description Radix must not point aria-describedby at nothing.
          {...(description ? {} : { "aria-describedby": undefined })}
          className={clsx(
            "z-50 flex flex-col border-slate-200 bg-white text-left shadow-2xl focus:outline-none",
            drawer
              ? "fixed inset-y-0 right-0 w-[min(720px,100vw)] border-l"
              : clsx(
                  "fixed top-1/2 left-1/2 max-h-[90vh] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-card border",
                  WIDTHS[size],
                ),
          )}
        >
          <header className="flex items-start justify-between gap-4 border-b border-slate-200 px-5 py-4">
            <div className="min-w-0">
              <Radix.Title className={clsx("text-base font-semibold text-slate-900", titleClassName)}>
                {title}
              </Radix.Title>
              {description ? (
                <Radix.Description className={hideDescription ? "sr-only" : "mt-0.5 text-xs text-slate-500"}>
                  {description}
                </Radix.Description>
              ) : null}
            </div>
            <Radix.Close
              aria-label={closeLabel}
              className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-500"
            >
              <X className="size-4" aria-hidden />
            </Radix.Close>
          </header>
          {onSubmit ? (
            <form
              className={clsx("flex flex-col", drawer && "min-h-0 flex-1")}
              onSubmit={(event) => {
                event.preventDefault();
                onSubmit(event);
              }}
            >
              {body}
            </form>
          ) : (
            body
          )}
        </Radix.Content>
      </Radix.Portal>
    </Radix.Root>
  );
}

/** A button or link in the footer that closes the dialog (e.g. `<DialogClose><Button>Cancel</Button></DialogClose>`). */
export function DialogClose({ children }: { children: ReactNode }) {
  return <Radix.Close asChild>{children}</Radix.Close>;
}
