import type { ActionKind } from "@pp/core/action-center/buckets";

/** What a key press asks the queue to do. */
export type QueueCommand = { kind: "move"; by: 1 | -1 } | { kind: "act"; action: ActionKind } | { kind: "help" };

/** The queue's keyboard shortcuts, as the help dialog lists them (the order shown). */
export const QUEUE_SHORTCUTS: readonly { key: string; command: QueueCommand; label: string }[] = [
  { key: "j", command: { kind: "move", by: 1 }, label: "Next row" },
  { key: "k", command: { kind: "move", by: -1 }, label: "Previous row" },
  {
    key: "a",
    command: { kind: "act", action: "approveDispute" },
    label: "Approve the dispute (asks first, with a note)",
  },
  { key: "r", command: { kind: "act", action: "rejectDispute" }, label: "Reject the dispute (asks for the reason)" },
  { key: "m", command: { kind: "act", action: "sendReminder" }, label: "Send a payment reminder" },
  { key: "s", command: { kind: "act", action: "snooze" }, label: "Snooze (asks until when and why)" },
  { key: "e", command: { kind: "act", action: "escalateIncident" }, label: "Escalate the incident" },
  { key: "?", command: { kind: "help" }, label: "Show these shortcuts" },
];

/** Where a key press happened: enough of an Element to tell typing from triage. */
export type KeyTarget = { tagName?: string; isContentEditable?: boolean; type?: string } | null;
export type KeyPress = {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  target: KeyTarget;
};

const TEXT_INPUT_TYPES = new Set(["checkbox", "radio", "button", "submit", "reset", "range", "color", "file", "image"]);

/** True while someone is typing: a shortcut there would eat their letters. */
export function isTypingTarget(target: KeyTarget): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName?.toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  // A checkbox (row selection) is not typing; every text-like input is.
  return tag === "INPUT" && !TEXT_INPUT_TYPES.has((target.type ?? "text").toLowerCase());
}

/** The command for a key press, or null when it is not a shortcut here (typing, or with Ctrl/Alt/Cmd). */
export function queueCommandFor(press: KeyPress): QueueCommand | null {
  if (press.altKey || press.ctrlKey || press.metaKey) return null;
  if (isTypingTarget(press.target)) return null;
  return QUEUE_SHORTCUTS.find((shortcut) => shortcut.key === press.key)?.command ?? null;
}

/** The row index a move lands on, kept inside the list; from no focused row, j starts at the top and k at the bottom. */
export function movedIndex(current: number | null, by: 1 | -1, count: number): number | null {
  if (count === 0) return null;
  if (current === null) return by === 1 ? 0 : count - 1;
  return Math.max(0, Math.min(count - 1, current + by));
}
