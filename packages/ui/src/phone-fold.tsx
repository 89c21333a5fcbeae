"use client";

import clsx from "clsx";
import { ChevronDown, SlidersHorizontal } from "lucide-react";
import { type ReactNode, useId, useState } from "react";

/**
 * On a phone, folds `children` (a filter form) behind one button so the list comes first;
 * from the `sm` breakpoint up it is always shown and the button is gone.
 */
export function PhoneFold({ label, active = 0, children }: { label: string; active?: number; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((value) => !value)}
        className="mb-3 flex w-full items-center justify-between rounded-card border border-line bg-surface px-3 py-2.5 text-sm font-medium text-slate-800 shadow-card sm:hidden"
      >
        <span className="flex items-center gap-2">
          <SlidersHorizontal aria-hidden className="size-4" />
          {label}
          {active > 0 ? <span className="text-brand-700">· {active} on</span> : null}
        </span>
        <ChevronDown aria-hidden className={clsx("size-4 transition-transform", open && "rotate-180")} />
      </button>
      <div id={id} className={clsx(open ? "block" : "hidden", "sm:block")}>
        {children}
      </div>
    </>
  );
}
