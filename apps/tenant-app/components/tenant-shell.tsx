import { Badge, StatusBadge, statusLabel } from "@pp/ui/badge";
import { SignOutButton } from "@pp/ui/sign-out-button";
import { Wrench } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { TenantNav } from "./tenant-nav";

export type ShellTenant = {
  name: string;
  slug: string;
  trade: string;
  status: string;
  /** The Branding step's logo (versioned by content hash), or null. */
  logoUrl?: string | null;
};
export type ShellUser = { name: string; email: string; role: string };

const STATUS_NOTICES: Record<string, string> = {
  past_due: "Your account has an unpaid invoice. Pay it to keep receiving leads.",
  suspended: "Your account is suspended, so no new leads are sent. Contact support to restore it.",
  churned: "Your subscription has ended. Contact support to reactivate your account.",
};

/** The frame around every tenant page: brand, tenant, navigation, who is signed in. */
export function TenantShell({ tenant, user, children }: { tenant: ShellTenant; user: ShellUser; children: ReactNode }) {
  const notice = STATUS_NOTICES[tenant.status];
  return (
    <div className="min-h-screen lg:grid lg:grid-cols-[15rem_1fr]">
      {/* The column carries the background and border the full page height; the sidebar inside stays in view. */}
      <div className="border-b border-line bg-surface lg:border-r lg:border-b-0">
        <aside className="lg:sticky lg:top-0 lg:h-screen">
          <div className="flex items-center gap-3 px-4 py-4 lg:px-5 lg:py-5">
            <span className="flex size-8 items-center justify-center rounded-md bg-brand-600 text-white">
              <Wrench aria-hidden className="size-4" />
            </span>
            <div className="min-w-0">
              <p className="text-xs font-semibold tracking-wide text-brand-700 uppercase">TradeDesk</p>
              <Link href={`/t/${tenant.slug}`} className="block truncate text-sm font-semibold text-slate-900">
                {tenant.name}
              </Link>
            </div>
          </div>
          <div className="px-3 pb-3 lg:px-3">
            <TenantNav slug={tenant.slug} />
          </div>
        </aside>
      </div>
      <div className="min-w-0">
        <header className="flex flex-wrap items-center justify-between gap-3 border-b border-line bg-surface px-4 py-3 lg:px-8">
          <div className="flex items-center gap-2 text-sm text-slate-600">
            {tenant.logoUrl ? (
              // biome-ignore lint/performance/noImgElement: a same-origin API image, cached by content hash
              <img src={tenant.logoUrl} alt={`${tenant.name} logo`} className="h-8 max-w-32 object-contain" />
            ) : null}
            <span className="font-medium text-slate-900">{tenant.name}</span>
            <Badge>{tradeLabel(tenant.trade)}</Badge>
            {tenant.status !== "active" ? <StatusBadge status={tenant.status} /> : null}
          </div>
          <div className="flex items-center gap-3">
            <div className="text-right leading-tight">
              <p className="text-sm font-medium text-slate-900">{user.name || user.email}</p>
              <p className="text-xs text-slate-500">{statusLabel(user.role)}</p>
            </div>
            <SignOutButton />
          </div>
        </header>
        {notice ? (
          <div role="status" className="border-b border-warn-100 bg-warn-50 px-4 py-2.5 text-sm text-warn-800 lg:px-8">
            {notice}
          </div>
        ) : null}
        <main className="mx-auto max-w-6xl px-4 py-6 lg:px-8 lg:py-8">{children}</main>
      </div>
    </div>
  );
}

export function tradeLabel(trade: string): string {
  return trade === "hvac" ? "HVAC" : statusLabel(trade);
}
