import type { ReactNode } from "react";

export type PageHeaderProps = {
  title: ReactNode;
  /** A line under the title: what the page is for, or key facts (trade, status…). */
  description?: ReactNode;
  /** Small text above the title, e.g. a breadcrumb link back to the list. */
  eyebrow?: ReactNode;
  actions?: ReactNode;
};

export function PageHeader({ title, description, eyebrow, actions }: PageHeaderProps) {
  return (
    <header className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div className="min-w-0">
        {eyebrow ? <div className="mb-1 text-xs font-medium text-slate-500">{eyebrow}</div> : null}
        <h1 className="truncate text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
        {description ? <div className="mt-1 text-sm text-slate-500">{description}</div> : null}
      </div>
      {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
    </header>
  );
}
