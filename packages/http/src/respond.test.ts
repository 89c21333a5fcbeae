import { describe, expect, it } from "vitest";
import { created, json, noContent } from "./respond";

describe("respond", () => {
  it("json, created and noContent set status and body", async () => {
    expect(await json({ a: 1 }).json()).toEqual({ a: 1 });
    expect(json({}, { status: 202 }).status).toBe(202);
    const made = created({ id: "x" });
    expect([made.status, await made.json()]).toEqual([201, { id: "x" }]);
    const empty = noContent();
    expect([empty.status, await empty.text()]).toEqual([204, ""]);
  });
});
