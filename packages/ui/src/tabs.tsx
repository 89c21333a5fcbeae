import clsx from "clsx";
import Link from "next/link";
import type { ReactNode } from "react";

export type TabItem = {
  key: string;
  label: ReactNode;
  /** Build with `hrefWith` so switching tabs keeps the rest of the URL state. */
  href: string;
  count?: number;
};

/** Link-based tabs: the selected tab lives in the URL, so it survives reloads and can be shared. */
export function Tabs({ items, current, label }: { items: readonly TabItem[]; current: string; label: string }) {
  return (
    <nav aria-label={label} className="mb-6 border-b border-line">
      <ul className="-mb-px flex gap-6 overflow-x-auto">
        {items.map((item) => {
          const active = item.key === current;
          return (
            <li key={item.key}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={clsx(
                  "inline-flex items-center gap-2 border-b-2 px-0.5 pb-2.5 text-sm font-medium whitespace-nowrap transition-colors",
                  active
                    ? "border-brand-600 text-brand-700"
                    : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800",
                )}
              >
                {item.label}
                {item.count !== undefined ? (
                  <span
                    className={clsx(
                      "rounded-full px-1.5 text-xs tabular-nums",
                      active ? "bg-brand-50 text-brand-700" : "bg-slate-100 text-slate-600",
                    )}
                  >
                    {item.count}
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
