"use client";

import { Toaster as Sonner } from "sonner";

export { toast } from "sonner";

/** Mount once in the root layout; client components call `toast.success(...)` / `toast.error(...)`. */
export function Toaster() {
  return (
    <Sonner
      position="bottom-right"
      closeButton
      toastOptions={{
        classNames: {
          toast: "!rounded-lg !border !border-slate-200 !shadow-lg !font-sans",
          title: "!text-sm !font-medium",
          description: "!text-xs !text-slate-500",
        },
      }}
    />
  );
}
