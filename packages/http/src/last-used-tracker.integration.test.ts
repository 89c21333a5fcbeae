import { authenticateApiKey } from "@pp/core/api-keys/authenticate-api-key";
import { createApiKey } from "@pp/core/api-keys/create-api-key";
import { createLastUsedTracker } from "@pp/core/api-keys/last-used-tracker";
import type { StaffActor } from "@pp/core/auth/actors";
import { captureLogs } from "@pp/core/testing";
import { db } from "@pp/db";
import { createStaffUser, createTenant } from "@pp/db/factories";
import { apiKeys } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { compose, createApiKeyAuth, json } from "./index";
import { callRoute, testRequest } from "./testing";

async function twoKeys() {
  const tenant = await createTenant(db);
  const { user, staff } = await createStaffUser(db, { role: "admin" });
  const actor: StaffActor = {
    kind: "staff",
    userId: user.id,
    email: user.email,
    name: user.name,
    role: staff.role,
    sessionId: "s",
  };
  const make = (name: string, scopes: string[]) => createApiKey({ actor, tenantId: tenant.id, name, scopes });
  return { first: await make("first", ["leads:read"]), second: await make("second", ["usage:read"]) };
}

async function lastUsedOf(id: string): Promise<Date | null> {
  const [row] = await db.select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, id));
  return row?.at ?? null;
}

/** `db`, counting (and optionally failing) the raw statements the tracker sends. */
function countingDb(failFirst = false) {
  const calls = { count: 0 };
  const executor = new Proxy(db, {
    get(target, property, receiver) {
      if (property !== "execute") return Reflect.get(target, property, receiver);
      return (...args: Parameters<typeof db.execute>) => {
        calls.count++;
        if (failFirst && calls.count === 1) return Promise.reject(new Error("connection reset"));
        return target.execute(...args);
      };
    },
  });
  return { executor, calls };
}

describe("the last-used tracker", () => {
  it("turns many authenticated requests into ONE update when flushed", async () => {
    const { first, second } = await twoKeys();
    const { executor, calls } = countingDb();
    const tracker = createLastUsedTracker({ executor });
    const withApiKey = createApiKeyAuth((token) => authenticateApiKey({ token }), {
      recordUse: (id, at) => tracker.record(id, at),
    });
    const { logger } = captureLogs();
    const route = compose({ route: "/api/v1/me", logger }, withApiKey())((ctx) => json({ id: ctx.apiKey.id }));

    for (let call = 0; call < 20; call++) {
      const key = call % 2 === 0 ? first.key : second.key;
      const response = await callRoute(
        route,
        testRequest("/api/v1/me", { headers: { authorization: `Bearer ${key}` } }),
      );
      expect(response.status).toBe(200);
    }
    // Nothing is written per request.
    expect(calls.count).toBe(0);
    expect(await lastUsedOf(first.id)).toBeNull();
    expect(tracker.pending()).toBe(2);

    expect(await tracker.flush()).toBe(2);
    expect(calls.count).toBe(1);
    expect(await lastUsedOf(first.id)).toBeInstanceOf(Date);
    expect(await lastUsedOf(second.id)).toBeInstanceOf(Date);
    expect(tracker.pending()).toBe(0);
    expect(await tracker.flush()).toBe(0);
    expect(calls.count).toBe(1);
    await tracker.stop();
  });

  it("only ever moves a key's last use forward", async () => {
    const { first, second } = await twoKeys();
    const tracker = createLastUsedTracker({ executor: db });
    const noon = new Date("2026-03-01T12:00:00.000Z");
    const earlier = new Date("2026-03-01T11:00:00.000Z");

    tracker.record(first.id, earlier);
    tracker.record(first.id, noon);
    tracker.record(first.id, earlier);
    await tracker.flush();
    expect(await lastUsedOf(first.id)).toEqual(noon);

    // Another instance flushing an older time later does not rewind it.
    tracker.record(first.id, earlier);
    tracker.record(second.id, earlier);
    await tracker.flush();
    expect(await lastUsedOf(first.id)).toEqual(noon);
    expect(await lastUsedOf(second.id)).toEqual(earlier);
    await tracker.stop();
  });

  it("keeps the times when a flush fails and writes them on the next one", async () => {
    const { first } = await twoKeys();
    const errors: unknown[] = [];
    const { executor } = countingDb(true);
    const tracker = createLastUsedTracker({ executor, onError: (error) => errors.push(error) });
    const at = new Date("2026-04-01T08:00:00.000Z");
    tracker.record(first.id, at);

    expect(await tracker.flush()).toBe(0);
    expect(errors).toHaveLength(1);
    expect(tracker.pending()).toBe(1);
    expect(await tracker.flush()).toBe(1);
    expect(await lastUsedOf(first.id)).toEqual(at);
    await tracker.stop();
  });

  it("flushes on its own timer", async () => {
    const { first } = await twoKeys();
    const tracker = createLastUsedTracker({ executor: db, intervalMs: 50 });
    tracker.record(first.id);
    await vi.waitFor(async () => expect(await lastUsedOf(first.id)).toBeInstanceOf(Date), { timeout: 5_000 });
    await tracker.stop();
  });
});
