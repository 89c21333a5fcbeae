import { describe, expect, it } from "vitest";
import { type isTypingTarget, movedIndex, queueCommandFor } from "./queue-shortcuts";

const press = (key: string, target: Parameters<typeof isTypingTarget>[0] = { tagName: "TR" }, modifiers = {}) =>
  queueCommandFor({ key, altKey: false, ctrlKey: false, metaKey: false, target, ...modifiers });

describe("queue keyboard shortcuts", () => {
  it("maps j/k to moves, a/r/m/s/e to the row's actions and ? to help", () => {
    expect(press("j")).toEqual({ kind: "move", by: 1 });
    expect(press("k")).toEqual({ kind: "move", by: -1 });
    expect(press("a")).toEqual({ kind: "act", action: "approveDispute" });
    expect(press("r")).toEqual({ kind: "act", action: "rejectDispute" });
    expect(press("m")).toEqual({ kind: "act", action: "sendReminder" });
    expect(press("s")).toEqual({ kind: "act", action: "snooze" });
    expect(press("e")).toEqual({ kind: "act", action: "escalateIncident" });
    expect(press("?")).toEqual({ kind: "help" });
    expect(press("x")).toBeNull();
    // Capitals are not shortcuts (Shift+A is someone typing, or a browser's own binding).
    expect(press("A")).toBeNull();
  });

  it("never fires while typing in a field", () => {
    for (const target of [
      { tagName: "INPUT", type: "text" },
      { tagName: "INPUT" },
      { tagName: "input", type: "search" },
      { tagName: "INPUT", type: "date" },
      { tagName: "TEXTAREA" },
      { tagName: "SELECT" },
      { tagName: "DIV", isContentEditable: true },
    ]) {
      expect(press("a", target), JSON.stringify(target)).toBeNull();
      expect(press("j", target), JSON.stringify(target)).toBeNull();
    }
    // On a row's checkbox or a button, the shortcuts work.
    expect(press("j", { tagName: "INPUT", type: "checkbox" })).toEqual({ kind: "move", by: 1 });
    expect(press("a", { tagName: "BUTTON" })).toEqual({ kind: "act", action: "approveDispute" });
    expect(press("j", null)).toEqual({ kind: "move", by: 1 });
  });

  it("leaves Ctrl, Alt and Cmd combinations to the browser", () => {
    expect(press("r", { tagName: "TR" }, { ctrlKey: true })).toBeNull();
    expect(press("s", { tagName: "TR" }, { metaKey: true })).toBeNull();
    expect(press("a", { tagName: "TR" }, { altKey: true })).toBeNull();
  });

  it("moves within the list: j from nowhere starts at the top, k at the bottom, and neither runs off the ends", () => {
    expect(movedIndex(null, 1, 5)).toBe(0);
    expect(movedIndex(null, -1, 5)).toBe(4);
    expect(movedIndex(0, -1, 5)).toBe(0);
    expect(movedIndex(4, 1, 5)).toBe(4);
    expect(movedIndex(2, 1, 5)).toBe(3);
    expect(movedIndex(null, 1, 0)).toBeNull();
  });
});
