import { describe, expect, it } from "vitest";
import { z } from "zod";
import { optionalParam, parsePageParams } from "./query-params";

// The shape of a list route's query: filters that may be absent or empty, and a defaulted sort.
const ZQuery = z.object({
  status: optionalParam(z.enum(["trial", "active"])),
  search: optionalParam(z.string().trim().max(10)),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  sort: optionalParam(z.enum(["name", "mrr"])).transform((sort) => sort ?? "name"),
});

describe("parsePageParams", () => {
  it("drops params that do not parse and keeps the rest", () => {
    const query = parsePageParams(ZQuery, { status: "bogus", limit: "9999", sort: "mrr", search: "drain" });
    expect(query).toEqual({ status: undefined, search: "drain", limit: 25, sort: "mrr" });
  });

  it("treats empty form values as no filter and applies defaults", () => {
    expect(parsePageParams(ZQuery, { status: "", search: "", sort: "" })).toEqual({
      status: undefined,
      search: undefined,
      limit: 25,
      sort: "name",
    });
  });

  it("uses the first of repeated params", () => {
    expect(parsePageParams(ZQuery, { status: ["trial", "active"] }).status).toBe("trial");
  });
});
