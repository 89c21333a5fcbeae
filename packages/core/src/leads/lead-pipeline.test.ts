import { describe, expect, it } from "vitest";
import { DEFAULT_PIPELINE, pipelineOf, stageForStatus, stageIndexOf, statusOfStage } from "./lead-pipeline";

const plumbing = ["New lead", "Contacted", "Site visit booked", "Quote sent", "Job scheduled"].map((label, i) => ({
  key: `s${i}`,
  label,
}));

describe("lead pipeline", () => {
  it("uses the tenant's stages, else New → Contacted → Quoted", () => {
    expect(pipelineOf(null)).toBe(DEFAULT_PIPELINE);
    expect(pipelineOf([])).toBe(DEFAULT_PIPELINE);
    expect(pipelineOf(plumbing)).toBe(plumbing);
  });

  it("maps stage positions to the statuses the API reports", () => {
    expect([0, 1, 2, 3, 4].map(statusOfStage)).toEqual(["new", "contacted", "qualified", "qualified", "qualified"]);
  });

  it("places a lead on its own stage, or on the first stage of its status, and won/lost outside", () => {
    expect(stageIndexOf({ status: "qualified", stage: "s3" }, plumbing)).toBe(3);
    expect(stageIndexOf({ status: "qualified", stage: null }, plumbing)).toBe(2);
    expect(stageIndexOf({ status: "contacted", stage: "s3" }, plumbing)).toBe(1); // a stale stage yields to the status
    expect(stageIndexOf({ status: "new", stage: "gone" }, plumbing)).toBe(0);
    expect(stageIndexOf({ status: "won", stage: "s3" }, plumbing)).toBeUndefined();
  });

  it("keeps the stage when the API sets a status it still fits, else moves it to the status's first stage", () => {
    expect(stageForStatus({ status: "qualified", stage: "s3" }, "qualified", plumbing)).toBe("s3");
    expect(stageForStatus({ status: "new", stage: "s0" }, "qualified", plumbing)).toBe("s2");
    expect(stageForStatus({ status: "qualified", stage: "s4" }, "won", plumbing)).toBe("s4");
  });
});
