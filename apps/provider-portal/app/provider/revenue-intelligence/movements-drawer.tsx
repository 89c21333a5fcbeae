import type { Page } from "@pp/core/pagination";
import type { RevenueMovement } from "@pp/core/revenue/list-revenue-movements";
import { StatusBadge } from "@pp/ui/badge";
import { formatCents, formatDate } from "@pp/ui/format";
import { X } from "lucide-react";
import Link from "next/link";

/** The drill-down: the ledger movements behind a number, a page at a time, each linking to its client. */
export function MovementsDrawer({
  title,
  page,
  closeHref,
  nextHref,
  csvHref,
}: {
  title: string;
  page: Page<RevenueMovement>;
  closeHref: string;
  nextHref: string | null;
  csvHref: string;
}) {
  return (
    <aside
      aria-label="Movements behind the number"
      className="fixed inset-y-0 right-0 z-40 flex w-full max-w-xl flex-col border-l border-line bg-surface shadow-2xl"
    >
      <header className="flex items-start justify-between gap-4 border-b border-line px-5 py-4">
        <div>
          <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
          <p className="mt-0.5 text-xs text-slate-500">
            Subscription events from the MRR ledger, newest first.{" "}
            <a href={csvHref} className="text-brand-700 hover:underline">
              Download CSV
            </a>
          </p>
        </div>
        <Link
          href={closeHref}
          scroll={false}
          aria-label="Close"
          className="rounded p-1 text-slate-500 hover:bg-slate-100"
        >
          <X aria-hidden className="size-4" />
        </Link>
      </header>
      <div className="flex-1 overflow-y-auto">
        {page.data.length === 0 ? (
          <p className="px-5 py-6 text-sm text-slate-500">No movements match — pick another month or type.</p>
        ) : (
          <ul className="divide-y divide-line">
            {page.data.map((movement) => (
              <li key={movement.id} className="flex items-center justify-between gap-3 px-5 py-3 text-sm">
                <div className="min-w-0">
                  <Link
                    href={`/provider/clients/${movement.tenantId}/billing`}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    {movement.tenantName}
                  </Link>
                  <p className="text-xs text-slate-500">
                    {formatDate(movement.effectiveAt)} ·{" "}
                    {movement.fromPlan && movement.toPlan
                      ? `${movement.fromPlan} → ${movement.toPlan}`
                      : (movement.toPlan ?? movement.fromPlan ?? "")}
                  </p>
                </div>
                <div className="text-right">
                  <StatusBadge status={movement.type} />
                  <p
                    className={`mt-1 tabular-nums ${movement.changeCents >= 0 ? "text-success-700" : "text-danger-700"}`}
                  >
                    {movement.changeCents >= 0 ? "+" : "−"}
                    {formatCents(Math.abs(movement.changeCents))}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
      {nextHref ? (
        <footer className="border-t border-line px-5 py-3 text-right">
          <Link href={nextHref} scroll={false} className="text-sm font-medium text-brand-700 hover:underline">
            Next page →
          </Link>
        </footer>
      ) : null}
    </aside>
  );
}
