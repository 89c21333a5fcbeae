import clsx from "clsx";
import { Inbox } from "lucide-react";
import type { ReactNode } from "react";

export type EmptyStateProps = {
  /** An icon element, e.g. `<Users />`; a calm inbox by default. */
  icon?: ReactNode;
  title: string;
  /** What the user can do next. */
  description?: ReactNode;
  /** A button or link that does it. */
  action?: ReactNode;
  className?: string;
};

/** The one empty state: every list says why it is empty and what to do next. */
export function EmptyState({ icon, title, description, action, className }: EmptyStateProps) {
  return (
    <div
      className={clsx(
        "flex flex-col items-center justify-center rounded-card border border-dashed border-slate-300 bg-surface px-6 py-12 text-center",
        className,
      )}
    >
      <div className="flex size-11 items-center justify-center rounded-full bg-slate-100 text-slate-500 [&>svg]:size-5">
        {icon ?? <Inbox />}
      </div>
      <h3 className="mt-4 text-sm font-semibold text-slate-900">{title}</h3>
      {description ? <div className="mt-1 max-w-md text-sm text-slate-500">{description}</div> : null}
      {action ? <div className="mt-5 flex items-center gap-2">{action}</div> : null}
    </div>
  );
}
