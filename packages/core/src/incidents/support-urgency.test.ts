import { describe, expect, it } from "vitest";
import { SUPPORT_URGENCIES, severityForUrgency } from "./support-urgency";

describe("severityForUrgency", () => {
  it("maps work stopped to sev2, broken-with-workaround to sev3, questions to sev4; never sev1", () => {
    expect(severityForUrgency("blocked")).toBe("sev2");
    expect(severityForUrgency("degraded")).toBe("sev3");
    expect(severityForUrgency("question")).toBe("sev4");
    expect(SUPPORT_URGENCIES.map(severityForUrgency)).not.toContain("sev1");
  });
});
