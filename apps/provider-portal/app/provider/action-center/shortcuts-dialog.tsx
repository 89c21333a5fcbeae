"use client";

import { Dialog } from "@pp/ui/dialog";
import { QUEUE_SHORTCUTS } from "./queue-shortcuts";

/** "?" in the queue: the keyboard shortcuts, as a list. */
export function ShortcutsDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Keyboard shortcuts" size="sm">
      <dl className="grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2 text-sm">
        {QUEUE_SHORTCUTS.map((shortcut) => (
          <div key={shortcut.key} className="contents">
            <dt>
              <kbd className="inline-flex min-w-7 justify-center rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-800">
                {shortcut.key}
              </kbd>
            </dt>
            <dd className="text-slate-700">{shortcut.label}</dd>
          </div>
        ))}
        <div className="contents">
          <dt>
            <kbd className="inline-flex min-w-7 justify-center rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-800">
              Space
            </kbd>
          </dt>
          <dd className="text-slate-700">Select the row (for bulk actions); Enter opens it</dd>
        </div>
      </dl>
      <p className="text-xs text-slate-600">
        Shortcuts act on the focused row and never fire while you type in a field.
      </p>
    </Dialog>
  );
}
