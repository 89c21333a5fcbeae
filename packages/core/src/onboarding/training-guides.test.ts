import { describe, expect, it } from "vitest";
import { TRAINING_RESOURCES } from "./templates";
import { findTrainingGuide } from "./training-guides";

describe("training guides", () => {
  it("every training resource in the checklist links to a guide both apps serve", () => {
    for (const resource of TRAINING_RESOURCES) {
      expect(resource.url).toMatch(/^\/help\/[a-z]+$/);
      const guide = findTrainingGuide(resource.url.slice("/help/".length));
      expect(guide?.sections.length).toBeGreaterThan(0);
      expect(resource.label).toContain(guide?.title);
    }
  });

  it("knows no guide it does not have", () => {
    expect(findTrainingGuide("nope")).toBeUndefined();
  });
});
