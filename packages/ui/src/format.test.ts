import { describe, expect, it } from "vitest";
import { describeAge, formatBytes, formatCents, formatPercent } from "./format";

describe("describeAge", () => {
  it("reads hours under two days and whole days after", () => {
    expect(describeAge(0)).toBe("< 1 h");
    expect(describeAge(0, { long: true })).toBe("Under an hour");
    expect(describeAge(47)).toBe("47 h");
    expect(describeAge(48)).toBe("2 d");
    expect(describeAge(71, { long: true })).toBe("2 days");
    expect(describeAge(72, { long: true })).toBe("3 days");
  });
});

describe("formatPercent", () => {
  it("shows a ratio with at most the given fraction digits", () => {
    expect(formatPercent(0.1234)).toBe("12.3%");
    expect(formatPercent(0.1234, 2)).toBe("12.34%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(1)).toBe("100%");
  });
});

describe("formatBytes", () => {
  it("steps by 1024 and keeps whole bytes whole", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(5 * 1024 * 1024)).toBe("5.0 MB");
  });
});

describe("formatCents", () => {
  it("uses a typographic minus for credits", () => {
    expect(formatCents(-3500)).toBe("−$35.00");
    expect(formatCents(123456)).toBe("$1,234.56");
  });
});
