import { describe, expect, it } from "vitest";
import { diffAuditChange, prettyJson } from "./audit-diff";

describe("diffAuditChange", () => {
  it("marks the fields that changed, were added or were removed", () => {
    const rows = diffAuditChange(
      { role: "technician", email: "a@x.test", phone: "1" },
      { role: "owner", email: "a@x.test", name: "Ann" },
    );
    expect(rows).toEqual([
      { key: "role", before: "technician", after: "owner", changed: true },
      { key: "email", before: "a@x.test", after: "a@x.test", changed: false },
      { key: "phone", before: "1", after: undefined, changed: true },
      { key: "name", before: undefined, after: "Ann", changed: true },
    ]);
  });

  it("compares nested values by content", () => {
    const rows = diffAuditChange({ areas: [{ zip: "1" }] }, { areas: [{ zip: "1" }] });
    expect(rows).toEqual([{ key: "areas", before: [{ zip: "1" }], after: [{ zip: "1" }], changed: false }]);
  });

  it("treats a missing side of a created or deleted row as empty", () => {
    expect(diffAuditChange(null, { role: "owner" })).toEqual([
      { key: "role", before: undefined, after: "owner", changed: true },
    ]);
    expect(diffAuditChange({ role: "owner" }, null)).toEqual([
      { key: "role", before: "owner", after: undefined, changed: true },
    ]);
    expect(diffAuditChange(null, null)).toEqual([]);
  });

  it("falls back to one row for values that are not objects", () => {
    expect(diffAuditChange("a", "b")).toEqual([{ key: "value", before: "a", after: "b", changed: true }]);
  });
});

describe("prettyJson", () => {
  it("indents JSON and shows a dash for a field that did not exist", () => {
    expect(prettyJson({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(prettyJson(undefined)).toBe("—");
  });
});
