"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { Command } from "cmdk";
import { Search } from "lucide-react";
import type { ReactNode } from "react";

export type CommandPaletteItem = {
  /** Unique within the palette; also what cmdk reports as selected. */
  id: string;
  label: string;
  /** Right-aligned detail, e.g. a slug or a section name. */
  hint?: ReactNode;
  icon?: ReactNode;
  onSelect: () => void;
};

export type CommandPaletteGroup = { heading: string; items: readonly CommandPaletteItem[] };

export type CommandPaletteProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  query: string;
  onQueryChange: (query: string) => void;
  /** Already filtered by the caller (cmdk's own filter is off, so server results are shown as ranked). */
  groups: readonly CommandPaletteGroup[];
  placeholder?: string;
  /** A line under the groups: "Searching…", an error, or a hint. */
  status?: ReactNode;
  emptyText?: string;
};

/**
 * A keyboard-first command menu (cmdk inside a Radix dialog): type to filter, arrows to move,
 * Enter to run, Escape to close. The app decides what the items are and when it opens.
 */
export function CommandPalette({
  open,
  onOpenChange,
  query,
  onQueryChange,
  groups,
  placeholder = "Search…",
  status,
  emptyText = "No results",
}: CommandPaletteProps) {
  const visible = groups.filter((group) => group.items.length > 0);
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-50 bg-slate-900/40 backdrop-blur-[2px]" />
        <Dialog.Content
          aria-describedby={undefined}
          className="fixed top-[12vh] left-1/2 z-50 w-[min(640px,calc(100vw-2rem))] -translate-x-1/2 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-2xl"
        >
          <Dialog.Title className="sr-only">Command menu</Dialog.Title>
          <Command shouldFilter={false} loop label="Command menu">
            <div className="flex items-center gap-2 border-b border-slate-200 px-4">
              <Search aria-hidden className="size-4 shrink-0 text-slate-400" />
              <Command.Input
                value={query}
                onValueChange={onQueryChange}
                placeholder={placeholder}
                className="h-12 w-full bg-transparent text-sm text-slate-900 outline-none placeholder:text-slate-400"
              />
              <kbd className="hidden rounded border border-slate-200 px-1.5 py-0.5 font-mono text-[10px] text-slate-500 sm:block">
                Esc
              </kbd>
            </div>
            <Command.List className="max-h-[min(420px,60vh)] overflow-y-auto p-2">
              {visible.length === 0 ? (
                <Command.Empty className="px-3 py-8 text-center text-sm text-slate-500">{emptyText}</Command.Empty>
              ) : null}
              {visible.map((group) => (
                <Command.Group
                  key={group.heading}
                  heading={group.heading}
                  className="[&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-[11px] [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:tracking-wider [&_[cmdk-group-heading]]:text-slate-400 [&_[cmdk-group-heading]]:uppercase"
                >
                  {group.items.map((item) => (
                    <Command.Item
                      key={item.id}
                      value={item.id}
                      onSelect={item.onSelect}
                      className="flex cursor-pointer items-center gap-3 rounded-md px-2 py-2 text-sm text-slate-700 data-[selected=true]:bg-brand-50 data-[selected=true]:text-brand-800"
                    >
                      {item.icon ? <span className="text-slate-400 [&>svg]:size-4">{item.icon}</span> : null}
                      <span className="min-w-0 flex-1 truncate">{item.label}</span>
                      {item.hint ? <span className="shrink-0 text-xs text-slate-400">{item.hint}</span> : null}
                    </Command.Item>
                  ))}
                </Command.Group>
              ))}
            </Command.List>
            {status ? <div className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">{status}</div> : null}
          </Command>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
