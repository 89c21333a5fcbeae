import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REVENUE_METRICS } from "./metric-definitions";

describe("the revenue KPI definitions", () => {
  it("are the rows of docs/revenue-metrics.md's KPI table, so the cards and the docs name the same metrics", () => {
    const docs = readFileSync(new URL("../../../../docs/revenue-metrics.md", import.meta.url), "utf8");
    const documented = [...docs.matchAll(/^\| ([^|]+?) +\| /gm)].map((match) => match[1]?.trim());
    for (const { label, definition } of Object.values(REVENUE_METRICS)) {
      expect(documented).toContain(label);
      expect(definition.length).toBeGreaterThan(0);
    }
  });
});
