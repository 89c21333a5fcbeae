"use client";

import clsx from "clsx";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { NAV_GROUPS, NAVIGATION } from "@/lib/navigation";
import { navIcon } from "./nav-icons";

/** The sidebar links; the server decides which `hrefs` this staff member may see. */
export function SidebarNav({ hrefs }: { hrefs: readonly string[] }) {
  const pathname = usePathname();
  const visible = NAVIGATION.filter((item) => hrefs.includes(item.href));
  // The longest matching href is the current section ("/provider/clients/x" → Clients, not Dashboard).
  const current = visible
    .filter((item) => pathname === item.href || pathname.startsWith(`${item.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;

  return (
    <nav aria-label="Main" className="flex flex-col gap-5 px-3 py-4">
      {NAV_GROUPS.map((group) => {
        const items = visible.filter((item) => item.group === group);
        if (items.length === 0) return null;
        return (
          <div key={group}>
            <p className="px-2 pb-1.5 text-[11px] font-semibold tracking-wider text-slate-400 uppercase">{group}</p>
            <ul className="flex flex-col gap-0.5">
              {items.map((item) => {
                const Icon = navIcon(item.href);
                const active = item.href === current;
                return (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      aria-current={active ? "page" : undefined}
                      className={clsx(
                        "flex items-center gap-2.5 rounded-md px-2 py-1.5 text-sm font-medium transition-colors",
                        active
                          ? "bg-brand-50 text-brand-700"
                          : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
                      )}
                    >
                      <Icon aria-hidden className={clsx("size-4", active ? "text-brand-600" : "text-slate-400")} />
                      <span className="flex min-w-0 flex-col">
                        <span className="truncate">{item.label}</span>
                        {item.subtitle ? (
                          <span className="text-[11px] font-normal text-slate-400">{item.subtitle}</span>
                        ) : null}
                      </span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}
