import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "./errors";
import { decodeCursor, encodeCursor, isStaleCursorError, loadFirstPageIfStale } from "./pagination";

const ZPosition = z.object({ id: z.string() });

async function loadIds(cursor: string | undefined): Promise<string[]> {
  if (cursor === undefined) return ["a", "b"];
  return [decodeCursor(cursor, ZPosition).id];
}

describe("loadFirstPageIfStale", () => {
  it("loads the cursor's page when it decodes", async () => {
    const loaded = await loadFirstPageIfStale(encodeCursor({ id: "c" }), loadIds);
    expect(loaded).toEqual({ result: ["c"], staleCursor: false });
  });

  it("falls back to the first page and says so when the cursor no longer decodes", async () => {
    // A cursor of another list's shape (e.g. bookmarked before the sort changed).
    const loaded = await loadFirstPageIfStale(encodeCursor({ createdAt: "2026-01-01" }), loadIds);
    expect(loaded).toEqual({ result: ["a", "b"], staleCursor: true });
    expect(await loadFirstPageIfStale("not base64!", loadIds)).toEqual({ result: ["a", "b"], staleCursor: true });
  });

  it("passes other failures through", async () => {
    const failing = async () => {
      throw new AppError("validation_failed", "bad status", { details: [{ path: "status", message: "bad" }] });
    };
    await expect(loadFirstPageIfStale(encodeCursor({ id: "c" }), failing)).rejects.toThrow("bad status");
    expect(isStaleCursorError(new Error("boom"))).toBe(false);
  });
});
