import clsx from "clsx";
import { Inbox, SearchX } from "lucide-react";
import type { ReactNode } from "react";
import { ButtonLink } from "./button";

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

export type ListEmptyStateProps = {
  /** True when filters are narrowing the list: then the wording is about the filters, not the data. */
  filtered: boolean;
  /** The list's URL without its filters; the "Clear filters" link. */
  clearHref: string;
  /** The truly-empty wording: what this list holds and how its first row gets there. */
  title: string;
  description?: ReactNode;
  /** The action for a truly empty list (e.g. "Create plan"). */
  action?: ReactNode;
  icon?: ReactNode;
  /** Filtered wording, when "Nothing matches these filters" is not the right words. */
  filteredTitle?: string;
  filteredDescription?: ReactNode;
  className?: string;
};

/** An empty list: "nothing matches these filters" + Clear filters, or why it is empty and what to do. */
export function ListEmptyState({
  filtered,
  clearHref,
  title,
  description,
  action,
  icon,
  filteredTitle = "Nothing matches these filters",
  filteredDescription = "Try fewer filters, or clear them to see the whole list.",
  className,
}: ListEmptyStateProps) {
  if (filtered) {
    return (
      <EmptyState
        className={className}
        icon={<SearchX />}
        title={filteredTitle}
        description={filteredDescription}
        action={<ButtonLink href={clearHref}>Clear filters</ButtonLink>}
      />
    );
  }
  return <EmptyState className={className} icon={icon} title={title} description={description} action={action} />;
}
