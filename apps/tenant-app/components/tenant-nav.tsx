"use client";

import clsx from "clsx";
import {
  ClipboardCheck,
  Inbox,
  LayoutDashboard,
  LifeBuoy,
  type LucideIcon,
  Menu,
  Receipt,
  Settings,
  Users,
  X,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";

type NavItem = { label: string; href: string; icon: LucideIcon; exact?: boolean };

/** The shell's navigation; every role sees every page (Team and Settings are read-only below owner). */
export function TenantNav({ slug }: { slug: string }) {
  const pathname = usePathname();
  // On a phone the links fold behind a Menu button; following one folds them again.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const base = `/t/${slug}`;
  const items: NavItem[] = [
    { label: "Dashboard", href: base, icon: LayoutDashboard, exact: true },
    { label: "Leads", href: `${base}/leads`, icon: Inbox },
    { label: "Billing", href: `${base}/billing`, icon: Receipt },
    { label: "Team", href: `${base}/team`, icon: Users },
    { label: "Settings", href: `${base}/settings`, icon: Settings },
    { label: "Onboarding", href: `${base}/onboarding`, icon: ClipboardCheck },
    { label: "Support", href: `${base}/support`, icon: LifeBuoy },
  ];
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="tenant-nav"
        onClick={() => setOpenOn(open ? null : pathname)}
        className="flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 lg:hidden"
      >
        {open ? <X aria-hidden className="size-4" /> : <Menu aria-hidden className="size-4" />}
        Menu
      </button>
      <nav id="tenant-nav" aria-label="Main" className={clsx(open ? "flex" : "hidden", "flex-col gap-1 lg:flex")}>
        {items.map((item) => {
          const active = item.exact
            ? pathname === item.href
            : pathname === item.href || pathname.startsWith(`${item.href}/`);
          const Icon = item.icon;
          return (
            <Link
              key={item.href}
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={clsx(
                "flex items-center gap-2.5 rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors",
                active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
              )}
            >
              <Icon aria-hidden className="size-4" />
              {item.label}
            </Link>
          );
        })}
      </nav>
    </>
  );
}
