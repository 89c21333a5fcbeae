import { describe, expect, it } from "vitest";
import { findUnstorableValue, isStorableText } from "./storable";
import {
  zCount,
  zDateFilter,
  zDay,
  zInstant,
  zIntParam,
  zIsoDateTime,
  zMoneyCents,
  zNumberParam,
  zText,
  zWholeNumber,
} from "./zod-pieces";

const messageOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? "ok" : result.error?.issues[0]?.message;

describe("text PostgreSQL can store", () => {
  it("refuses NUL and unpaired surrogates, keeps emoji", () => {
    expect(isStorableText("a\u0000b")).toBe(false);
    expect(isStorableText("a\ud800b")).toBe(false);
    expect(isStorableText("\udc00")).toBe(false);
    expect(isStorableText("Ada 😀")).toBe(true);
    expect(messageOf(zText(10).safeParse("a\u0000"))).toBe(
      "must not contain NUL characters (U+0000) or unpaired UTF-16 surrogates",
    );
    expect(messageOf(zText(3).safeParse("abcd"))).toBe("must be at most 3 characters");
  });

  it("finds the first bad key or value in nested JSON, with its path", () => {
    expect(findUnstorableValue({ a: [{ b: "ok" }, { c: "\u0000" }] })?.path).toBe("a.1.c");
    expect(findUnstorableValue({ "k\u0000": 1 })?.path).toBe("k\u0000");
    expect(findUnstorableValue({ when: new Date(), bytes: new Uint8Array(20_000) })).toBeUndefined();
  });
});

describe("numbers an int4 column holds", () => {
  it("refuses 2,147,483,648 and booleans", () => {
    expect(messageOf(zWholeNumber().safeParse(2_147_483_647))).toBe("ok");
    expect(messageOf(zWholeNumber().safeParse(2_147_483_648))).toBe("is too large (at most 2,147,483,647)");
    expect(messageOf(zCount("must be a number of redemptions").safeParse(true))).toBe(
      "must be a number of redemptions",
    );
    expect(messageOf(zMoneyCents().safeParse(-1))).toBe("must be 0 or more");
  });

  it("reads digits from a query string, never `true`", () => {
    expect(zIntParam({ min: 1, max: 100 }).parse("25")).toBe(25);
    expect(messageOf(zIntParam({ min: 1, max: 100 }).safeParse("true"))).toBe("must be a whole number");
    expect(messageOf(zIntParam({ min: 1, max: 100 }).safeParse("2147483648"))).toBe("must be at most 100");
    expect(messageOf(zNumberParam(zCount()).safeParse(true))).toBe("must be a whole number");
  });
});

describe("instants and days in years 1–9999", () => {
  it("zInstant: ISO dates and date-times, not numbers, booleans or extended years", () => {
    expect(zInstant().parse("2026-01-31")).toEqual(new Date("2026-01-31T00:00:00Z"));
    expect(zInstant().parse("2026-01-31T09:30:00+01:00")).toEqual(new Date("2026-01-31T08:30:00Z"));
    expect(messageOf(zInstant().safeParse(true))).toBe("must be a date or date-time");
    expect(messageOf(zInstant().safeParse(1))).toBe("must be a date or date-time");
    expect(messageOf(zInstant().safeParse("+275760-09-13T00:00:00.000Z"))).toBe("must be a date or date-time");
    expect(messageOf(zInstant().safeParse("0000-01-01T00:00:00Z"))).toBe("must be between the years 1 and 9999");
    expect(messageOf(zInstant().safeParse(new Date(8.64e15)))).toBe("must be between the years 1 and 9999");
  });

  it("zDay, zDateFilter and zIsoDateTime keep the text and refuse year 0", () => {
    expect(zDay().parse("9999-12-31")).toBe("9999-12-31");
    expect(messageOf(zDay().safeParse("0000-01-01"))).toBe("must be between the years 1 and 9999");
    expect(zDateFilter().parse("2026-01-31T00:00:00Z")).toBe("2026-01-31T00:00:00Z");
    expect(messageOf(zDateFilter().safeParse("0000-12-31"))).toBe("must be between the years 1 and 9999");
    expect(messageOf(zIsoDateTime().safeParse("0000-01-01T00:00:00Z"))).toBe("must be between the years 1 and 9999");
  });
});
