"use client";

import { ApiError, describeFailure, type FieldErrors } from "@pp/ui/api-client";
import { toast } from "@pp/ui/toaster";
import * as Dialog from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import type { ReactNode } from "react";

/** The centred modal the pricing forms and confirmations open in. */
export function PricingDialog({
  open,
  onOpenChange,
  title,
  description,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/30" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-[min(640px,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-card border border-line bg-white shadow-2xl focus:outline-none">
          <header className="flex items-start justify-between gap-4 border-b border-slate-200 px-5 py-4">
            <div className="min-w-0">
              <Dialog.Title className="text-base font-semibold text-slate-900">{title}</Dialog.Title>
              <Dialog.Description className={description ? "mt-0.5 text-xs text-slate-500" : "sr-only"}>
                {description ?? title}
              </Dialog.Description>
            </div>
            <Dialog.Close
              aria-label="Close"
              className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
            >
              <X className="size-4" aria-hidden />
            </Dialog.Close>
          </header>
          <div className="px-5 py-4">{children}</div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** Dollars typed by a person ("149", "149.5", "$1,490.00") → cents, or NaN so the server names the field. */
export function centsOf(dollars: string): number {
  const cleaned = dollars.replace(/[$,\s]/g, "");
  if (cleaned === "" || !/^-?\d+(\.\d{1,2})?$/.test(cleaned)) return Number.NaN;
  return Math.round(Number(cleaned) * 100);
}

export function dollarsOf(cents: number | null | undefined): string {
  return cents === null || cents === undefined ? "" : (cents / 100).toFixed(2);
}

/** A whole number typed in a form, or NaN (sent as null by JSON, so the server names the field). */
export function wholeOf(value: string): number {
  return value.trim() === "" ? Number.NaN : Number(value);
}

/** Field errors next to their fields; a toast for anything else (and for 409s, which say what to do). */
export function showFailure(error: unknown, setErrors: (errors: FieldErrors) => void) {
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
  setErrors(fieldErrors);
  const inline = Object.keys(fieldErrors).some((key) => key !== "");
  if (!inline || !(error instanceof ApiError) || error.status !== 400) toast.error(describeFailure(error));
}
