import { Badge, statusLabel } from "@pp/ui/badge";
import { SignOutButton } from "@pp/ui/sign-out-button";
import Link from "next/link";
import type { ReactNode } from "react";
import { ProviderCommandPalette } from "@/components/provider-command-palette";
import { SidebarNav } from "@/components/sidebar-nav";
import { visibleNavigation } from "@/lib/navigation";
import { requireStaff } from "@/lib/session";

// The shell: every /provider page renders inside it, signed in as staff.
export default async function ProviderLayout({ children }: { children: ReactNode }) {
  const staff = await requireStaff();
  const hrefs = visibleNavigation(staff.role).map((item) => item.href);

  return (
    <div className="flex min-h-screen">
      {/* The column carries the background and border the full page height; the sidebar inside stays in view. */}
      <div className="hidden w-60 shrink-0 border-r border-line bg-surface lg:block">
        <aside className="sticky top-0 flex h-screen flex-col">
          <Link href="/provider" className="flex h-14 items-center gap-2 border-b border-line px-5">
            <span className="flex size-7 items-center justify-center rounded-md bg-brand-600 text-xs font-bold text-white">
              PP
            </span>
            <span className="text-sm font-semibold text-slate-900">Provider Portal</span>
          </Link>
          <div className="flex-1 overflow-y-auto">
            <SidebarNav hrefs={hrefs} />
          </div>
        </aside>
      </div>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center justify-between gap-4 border-b border-line bg-surface/90 px-4 backdrop-blur sm:px-6">
          <div className="flex min-w-0 flex-1 items-center gap-3">
            <Link
              href="/provider"
              className="flex size-7 shrink-0 items-center justify-center rounded-md bg-brand-600 text-xs font-bold text-white lg:hidden"
              aria-label="Provider Portal home"
            >
              PP
            </Link>
            <ProviderCommandPalette hrefs={hrefs} />
          </div>
          <div className="flex shrink-0 items-center gap-3">
            <div className="hidden flex-col items-end leading-tight sm:flex">
              <span className="text-sm font-medium text-slate-900">{staff.name}</span>
              <span className="text-xs text-slate-500">{staff.email}</span>
            </div>
            <Badge tone="brand">{statusLabel(staff.role)}</Badge>
            <SignOutButton />
          </div>
        </header>
        <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 sm:px-6 lg:px-8">{children}</main>
      </div>
    </div>
  );
}
