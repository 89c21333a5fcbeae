import type { StaffActor } from "@pp/core/auth/actors";
import { AppError } from "@pp/core/errors";
import { captureLogs } from "@pp/core/testing";
import { db } from "@pp/db";
import { idempotencyKeys } from "@pp/db/schema";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type BaseContext, compose, type Step } from "./compose";
import { REPLAYED_HEADER, withIdempotency } from "./idempotency";
import { created, json } from "./respond";
import { callRoute, testRequest } from "./testing";

function staff(userId: string): StaffActor {
  return { kind: "staff", userId, email: `${userId}@p.test`, name: userId, role: "admin", sessionId: "s" };
}

// Stands in for withProviderAuth: the header names the signed-in staff member.
const withTestActor: Step<BaseContext, { actor: StaffActor }> = (ctx, next) =>
  next({ actor: staff(ctx.request.headers.get("x-test-user") ?? "u-1") });

/** A route whose handler counts its runs and answers with `respond`. */
function countingRoute(respond: (run: number) => Response | Promise<Response>) {
  const { logger } = captureLogs();
  const state = { runs: 0 };
  const handler = compose(
    { route: "/api/notes", logger },
    withTestActor,
    withIdempotency(),
  )(async () => {
    state.runs += 1;
    return respond(state.runs);
  });
  const post = (key: string | null, body: unknown = { text: "hello" }, headers: Record<string, string> = {}) =>
    callRoute(
      handler,
      testRequest("/api/notes", { json: body, headers: key ? { "Idempotency-Key": key, ...headers } : headers }),
    );
  return { post, state };
}

let keySeq = 0;
const newKey = () => `key-${Date.now()}-${++keySeq}`;

describe("withIdempotency", () => {
  it("replays the first response for the same key and request", async () => {
    const { post, state } = countingRoute((run) => created({ id: `note-${run}` }));
    const key = newKey();
    const first = await post(key);
    const second = await post(key);
    expect([first.status, await first.json(), first.headers.get(REPLAYED_HEADER)]).toEqual([
      201,
      { id: "note-1" },
      null,
    ]);
    expect([second.status, await second.json(), second.headers.get(REPLAYED_HEADER)]).toEqual([
      201,
      { id: "note-1" },
      "true",
    ]);
    expect(state.runs).toBe(1);
  });

  it("treats the same JSON with other key order and spacing as the same request", async () => {
    const { post, state } = countingRoute((run) => created({ run }));
    const key = newKey();
    await post(key, { a: 1, b: { c: 2, d: 3 } });
    const replay = await post(key, { b: { d: 3, c: 2 }, a: 1 });
    expect(replay.headers.get(REPLAYED_HEADER)).toBe("true");
    expect(state.runs).toBe(1);
  });

  it("refuses the same key with a different request: 422 idempotency_mismatch", async () => {
    const { post, state } = countingRoute(() => created({}));
    const key = newKey();
    await post(key, { text: "first" });
    const response = await post(key, { text: "second" });
    expect(response.status).toBe(422);
    expect((await response.json()).error.code).toBe("idempotency_mismatch");
    expect(state.runs).toBe(1);
  });

  it("runs every request without a key", async () => {
    const { post, state } = countingRoute(() => created({}));
    await post(null);
    await post(null);
    expect(state.runs).toBe(2);
  });

  it("keeps keys apart per actor", async () => {
    const { post } = countingRoute((run) => created({ run }));
    const key = newKey();
    await post(key, { text: "x" }, { "x-test-user": "alice" });
    const bob = await post(key, { text: "x" }, { "x-test-user": "bob" });
    expect([bob.headers.get(REPLAYED_HEADER), await bob.json()]).toEqual([null, { run: 2 }]);
    const rows = await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
    expect(rows.map((row) => row.scope).sort()).toEqual(["staff:alice", "staff:bob"]);
  });

  it("does not store a 5xx, so the retry runs", async () => {
    const { post, state } = countingRoute((run) =>
      run === 1 ? json({ oops: true }, { status: 503 }) : created({ run }),
    );
    const key = newKey();
    expect((await post(key)).status).toBe(503);
    expect(await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key))).toEqual([]);
    const retry = await post(key);
    expect([retry.status, await retry.json(), retry.headers.get(REPLAYED_HEADER)]).toEqual([201, { run: 2 }, null]);
    expect(state.runs).toBe(2);
  });

  it("releases the key when the handler throws an unknown error", async () => {
    const { post, state } = countingRoute((run) => {
      if (run === 1) throw new Error("database went away");
      return created({ run });
    });
    const key = newKey();
    expect((await post(key)).status).toBe(500);
    expect((await post(key)).status).toBe(201);
    expect(state.runs).toBe(2);
  });

  it("stores and replays a thrown 4xx AppError", async () => {
    const { post, state } = countingRoute(() => {
      throw new AppError("conflict", "That slug is taken");
    });
    const key = newKey();
    await post(key);
    const replay = await post(key);
    expect([replay.status, replay.headers.get(REPLAYED_HEADER)]).toEqual([409, "true"]);
    expect((await replay.json()).error.message).toBe("That slug is taken");
    expect(state.runs).toBe(1);
  });

  it("lets concurrent requests with one key run the handler once; the others get 409", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered = () => {};
    const handlerStarted = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const { post, state } = countingRoute(async (run) => {
      entered();
      await gate;
      return created({ run });
    });
    const key = newKey();
    const first = post(key);
    await handlerStarted;
    const during = await Promise.all([post(key), post(key), post(key)]);
    for (const response of during) {
      expect(response.status).toBe(409);
      expect((await response.json()).error.message).toBe(
        "A request with this Idempotency-Key is still being processed",
      );
    }
    release();
    expect((await first).status).toBe(201);
    const after = await post(key);
    expect([after.status, after.headers.get(REPLAYED_HEADER)]).toEqual([201, "true"]);
    expect(state.runs).toBe(1);
  });

  it("lets requests racing for one key claim it only once", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { post, state } = countingRoute(async (run) => {
      await gate;
      return created({ run });
    });
    const key = newKey();
    // The winner waits at the gate until the other seven have been answered, however slow the machine.
    let answered = 0;
    const racing = Array.from({ length: 8 }, () =>
      post(key).then((response) => {
        if (++answered === 7) release();
        return response;
      }),
    );
    setTimeout(release, 15_000).unref();
    const statuses = (await Promise.all(racing)).map((response) => response.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect(state.runs).toBe(1);
  });

  it("treats an expired key as new", async () => {
    const { post } = countingRoute((run) => created({ run }));
    const key = newKey();
    await post(key, { text: "old" });
    await db
      .update(idempotencyKeys)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(idempotencyKeys.key, key));
    const fresh = await post(key, { text: "new" });
    expect([fresh.status, await fresh.json(), fresh.headers.get(REPLAYED_HEADER)]).toEqual([201, { run: 2 }, null]);
  });

  it("lets a retry take over a key whose first request never finished", async () => {
    const { post, state } = countingRoute((run) => created({ run }));
    const key = newKey();
    // What a process that crashed mid-request leaves behind.
    await db.insert(idempotencyKeys).values({
      scope: "staff:u-1",
      key,
      route: "/api/notes",
      requestHash: "crashed",
      createdAt: new Date(Date.now() - 10 * 60 * 1000),
      expiresAt: new Date(Date.now() + 60 * 60 * 1000),
    });
    const retry = await post(key);
    expect([retry.status, await retry.json()]).toEqual([201, { run: 1 }]);
    expect(state.runs).toBe(1);
  });

  it("stores keys for 24 hours", async () => {
    const { post } = countingRoute(() => created({}));
    const key = newKey();
    await post(key);
    const [row] = await db
      .select({
        hours: sql<number>`extract(epoch from ${idempotencyKeys.expiresAt} - ${idempotencyKeys.createdAt}) / 3600`,
      })
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.key, key));
    expect(Math.round(Number(row?.hours))).toBe(24);
  });

  it("refuses a malformed key with 400", async () => {
    const { post, state } = countingRoute(() => created({}));
    const response = await post("k".repeat(256));
    expect(response.status).toBe(400);
    expect((await response.json()).error.details[0].path).toBe("Idempotency-Key");
    expect(state.runs).toBe(0);
  });

  it("ignores the key on GET", async () => {
    const { logger } = captureLogs();
    let runs = 0;
    const route = compose({ route: "/api/notes", logger }, withIdempotency())(() => json({ run: ++runs }));
    const get = () => callRoute(route, testRequest("/api/notes", { headers: { "Idempotency-Key": "same" } }));
    await get();
    expect(await (await get()).json()).toEqual({ run: 2 });
  });
});
