import { describe, expect, it } from "vitest";
import { firstParam, hrefWith } from "./url";

describe("hrefWith", () => {
  it("keeps current params, applies changes and drops removed or empty ones", () => {
    const params = { status: "active", search: "drain", cursor: "abc", empty: "" };
    expect(hrefWith("/provider/clients", params, { sort: "mrr", cursor: null })).toBe(
      "/provider/clients?status=active&search=drain&sort=mrr",
    );
  });

  it("keeps repeated params and encodes values", () => {
    expect(hrefWith("/x", { tag: ["a", "b"], q: "a&b c" })).toBe("/x?tag=a&tag=b&q=a%26b+c");
  });

  it("returns the bare path when nothing is left", () => {
    expect(hrefWith("/x", { cursor: "abc" }, { cursor: undefined })).toBe("/x");
  });
});

describe("firstParam", () => {
  it("reads the first value and treats empty as absent", () => {
    expect(firstParam({ a: ["1", "2"], b: "", c: "3" }, "a")).toBe("1");
    expect(firstParam({ b: "" }, "b")).toBeUndefined();
    expect(firstParam({}, "missing")).toBeUndefined();
  });
});
