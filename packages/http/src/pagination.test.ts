import { AppError } from "@pp/core/errors";
import { decodeCursor, encodeCursor, page, ZPageQuery } from "@pp/core/pagination";
import { captureLogs } from "@pp/core/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compose } from "./compose";
import { withInput } from "./input";
import { json } from "./respond";
import { callRoute, testRequest } from "./testing";

const ZLeadCursor = z.object({ receivedAt: z.iso.datetime(), id: z.uuid() });
const position = { receivedAt: "2025-01-02T03:04:05.000Z", id: "0190c7a2-8e1c-7c3a-9f00-0123456789ab" };

function thrown(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
  }
  throw new Error("expected an AppError");
}

describe("cursors", () => {
  it("round-trips through base64url", () => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, ZLeadCursor)).toEqual(position);
  });

  it.each([
    ["not base64", "%%%"],
    ["not JSON", Buffer.from("hello").toString("base64url")],
    ["wrong shape", encodeCursor({ receivedAt: "yesterday", id: 1 })],
    ["edited", `${encodeCursor(position).slice(0, -3)}AAA`],
  ])("refuses a %s cursor with 400 naming cursor", (_name, cursor) => {
    const error = thrown(() => decodeCursor(cursor, ZLeadCursor));
    expect([error.status, error.code]).toEqual([400, "validation_failed"]);
    expect(error.message).toMatch(/"cursor"/);
    expect(error.details).toEqual([{ path: "cursor", message: expect.any(String) }]);
  });

  it("a tampered cursor in a route is a 400 response", async () => {
    const { logger } = captureLogs();
    const route = compose(
      { route: "/api/leads", logger },
      withInput({ query: ZPageQuery }),
    )((ctx) => json({ after: ctx.query.cursor ? decodeCursor(ctx.query.cursor, ZLeadCursor) : null }));
    const response = await callRoute(route, testRequest("/api/leads?cursor=eyJmb28iOjF9"));
    expect(response.status).toBe(400);
    expect((await response.json()).error.details[0].path).toBe("cursor");
  });
});

describe("ZPageQuery", () => {
  it("defaults limit to 25 and coerces strings", () => {
    expect(ZPageQuery.parse({})).toEqual({ limit: 25 });
    expect(ZPageQuery.parse({ limit: "100", cursor: "abc" })).toEqual({ limit: 100, cursor: "abc" });
  });

  it.each([["0"], ["101"], ["2.5"], ["ten"]])("refuses limit=%s", (limit) => {
    expect(ZPageQuery.safeParse({ limit }).success).toBe(false);
  });
});

describe("page", () => {
  const rows = [1, 2, 3, 4].map((n) => ({ id: `id-${n}`, n }));

  it("returns limit rows and a cursor of the last one when more exist", () => {
    const result = page(rows, 3, (row) => ({ id: row.id }));
    expect(result.data.map((row) => row.n)).toEqual([1, 2, 3]);
    expect(decodeCursor(result.nextCursor ?? "", z.object({ id: z.string() }))).toEqual({ id: "id-3" });
  });

  it("returns a null cursor on the last page", () => {
    expect(page(rows, 4, (row) => row.id)).toEqual({ data: rows, nextCursor: null });
    expect(page([], 25, () => null)).toEqual({ data: [], nextCursor: null });
  });
});
