import clsx from "clsx";
import Link from "next/link";
import type { ReactNode } from "react";

export function Card({
  title,
  description,
  actions,
  className,
  bodyClassName,
  children,
}: {
  title?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  className?: string;
  bodyClassName?: string;
  children?: ReactNode;
}) {
  const hasHeader = title !== undefined || actions !== undefined;
  return (
    <section className={clsx("rounded-card border border-line bg-surface shadow-card", className)}>
      {hasHeader ? (
        <header className="flex items-start justify-between gap-4 border-b border-line px-5 py-3.5">
          <div className="min-w-0">
            {title !== undefined ? <h2 className="text-sm font-semibold text-slate-900">{title}</h2> : null}
            {description !== undefined ? <p className="mt-0.5 text-xs text-slate-500">{description}</p> : null}
          </div>
          {actions !== undefined ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
        </header>
      ) : null}
      <div className={clsx("px-5 py-4", bodyClassName)}>{children}</div>
    </section>
  );
}

export type KpiCardProps = {
  label: string;
  value: ReactNode;
  /** One line under the value: what the number counts, or how it moved. */
  hint?: ReactNode;
  /** Where the number comes from; the whole card becomes a link. */
  href?: string;
  icon?: ReactNode;
  tone?: "neutral" | "warn" | "danger";
};

const KPI_TONES = {
  neutral: "text-slate-900",
  warn: "text-warn-700",
  danger: "text-danger-700",
} as const;

export function KpiCard({ label, value, hint, href, icon, tone = "neutral" }: KpiCardProps) {
  const body = (
    <>
      <div className="flex items-center justify-between gap-2">
        <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</p>
        {icon ? <span className="text-slate-400 [&>svg]:size-4">{icon}</span> : null}
      </div>
      <p className={clsx("mt-2 text-2xl font-semibold tabular-nums", KPI_TONES[tone])}>{value}</p>
      {hint !== undefined ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
    </>
  );
  const frame = "block rounded-card border border-line bg-surface px-4 py-4 shadow-card";
  if (!href) return <div className={frame}>{body}</div>;
  return (
    <Link href={href} className={clsx(frame, "transition-colors hover:border-brand-300 hover:bg-brand-50/40")}>
      {body}
    </Link>
  );
}
