import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FieldErrors } from "./api-client";
import { type ApiFormOptions, type ApiFormView, type RetryKey, submitApiForm } from "./api-form";

// A real HTTP server answering as the app's API does; the view records what the form would show.

type Echo = { method: string; path: string; contentType: string | null; idempotencyKey: string | null; body: string };

let server: Server;
let base: string;
const seen: Echo[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "";
      seen.push({
        method: request.method ?? "",
        path,
        contentType: request.headers["content-type"] ?? null,
        idempotencyKey: (request.headers["idempotency-key"] as string | undefined) ?? null,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const answer = (status: number, body: unknown) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(body));
      };
      if (path === "/invalid")
        return answer(400, {
          error: { code: "validation", message: "Invalid input", details: [{ path: "name", message: "is required" }] },
        });
      if (path === "/taken") return answer(409, { error: { code: "conflict", message: "Already a member" } });
      if (path === "/broken")
        return answer(500, { error: { code: "internal", message: "Something broke", requestId: "req-1" } });
      return answer(200, { saved: 3 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function recorder() {
  const shown = {
    pendingKeys: [] as (string | null)[],
    errors: {} as FieldErrors,
    error: undefined as string | undefined,
    successes: [] as string[],
    failures: [] as string[],
    refreshed: 0,
  };
  const view: ApiFormView = {
    setPendingKey: (key) => shown.pendingKeys.push(key),
    setErrors: (errors) => {
      shown.errors = errors;
    },
    setError: (message) => {
      shown.error = message;
    },
    toast: { success: (message) => shown.successes.push(message), error: (message) => shown.failures.push(message) },
    refresh: () => {
      shown.refreshed += 1;
    },
  };
  return { shown, view };
}

function submit<R>(
  options: ApiFormOptions<R>,
  body?: unknown,
  call = {},
  retryKey = { current: null as RetryKey | null },
) {
  const { shown, view } = recorder();
  return { shown, done: submitApiForm(options, body, call, view, retryKey) };
}

describe("submitApiForm", () => {
  it("sends JSON, toasts the success from the result, calls back, refreshes and ends pending", async () => {
    const results: unknown[] = [];
    const { shown, done } = submit<{ saved: number }>(
      {
        url: `${base}/spend`,
        idempotent: true,
        refresh: true,
        success: (result) => `Saved ${result.saved}`,
        onSuccess: (result) => void results.push(result),
      },
      { month: "2025-06" },
    );
    expect(await done).toEqual({ saved: 3 });
    expect(shown.successes).toEqual(["Saved 3"]);
    expect(results).toEqual([{ saved: 3 }]);
    expect(shown.refreshed).toBe(1);
    expect(shown.pendingKeys).toEqual(["", null]);
    const request = seen.at(-1);
    expect(request).toMatchObject({ method: "POST", contentType: "application/json", body: '{"month":"2025-06"}' });
    expect(request?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("lets one call name its own endpoint, method, message and button", async () => {
    const order: string[] = [];
    const { shown, done } = submit(
      { success: "Saved", onSuccess: () => void order.push("form") },
      { status: "done" },
      {
        url: `${base}/tasks/7`,
        method: "PATCH",
        success: "Completed: Call back",
        key: "task-7",
        onSuccess: () => void order.push("call"),
      },
    );
    await done;
    expect(order).toEqual(["form", "call"]);
    expect(seen.at(-1)).toMatchObject({ method: "PATCH", path: "/tasks/7", idempotencyKey: null });
    expect(shown.successes).toEqual(["Completed: Call back"]);
    expect(shown.pendingKeys).toEqual(["task-7", null]);
  });

  it("shows a 400's messages under their fields, and no toast unless asked for one", async () => {
    const quiet = submit({ url: `${base}/invalid` }, {});
    expect(await quiet.done).toBeUndefined();
    expect(quiet.shown.errors).toEqual({ name: "is required" });
    expect(quiet.shown.failures).toEqual([]);

    const long = submit({ url: `${base}/invalid`, fieldErrorsToast: "Some fields need attention" }, {});
    await long.done;
    expect(long.shown.errors).toEqual({ name: "is required" });
    expect(long.shown.failures).toEqual(["Some fields need attention"]);

    const own = submit({ url: `${base}/invalid`, fieldErrorsToast: true }, {});
    await own.done;
    expect(own.shown.failures).toEqual(["Invalid input"]);
  });

  it("puts a 409 under the conflict field, and anything else in a toast with its reference", async () => {
    const taken = submit({ url: `${base}/taken`, conflictField: "email" }, {});
    await taken.done;
    expect(taken.shown.errors).toEqual({ email: "Already a member" });
    expect(taken.shown.failures).toEqual([]);

    const broken = submit({ url: `${base}/broken` }, {});
    await broken.done;
    expect(broken.shown.failures).toEqual(["Something broke (reference req-1)"]);
    expect(broken.shown.pendingKeys).toEqual(["", null]);
  });

  it("with inlineError, shows a failure no field shows in the form instead of a toast", async () => {
    const { shown, done } = submit({ url: `${base}/taken`, inlineError: true }, {});
    await done;
    expect(shown.error).toBe("Already a member");
    expect(shown.failures).toEqual([]);
  });

  it("shows nothing when onError says the form showed the failure itself", async () => {
    const handled: unknown[] = [];
    const { shown, done } = submit({ url: `${base}/taken`, onError: (error) => handled.push(error) > 0 }, {});
    await done;
    expect(handled).toHaveLength(1);
    expect(shown.failures).toEqual([]);
    expect(shown.errors).toEqual({});
  });

  it("with keepPending, stays pending after a success (the page is leaving) but not after a failure", async () => {
    const left = submit({ url: `${base}/spend`, keepPending: true }, {});
    await left.done;
    expect(left.shown.pendingKeys).toEqual([""]);

    const failed = submit({ url: `${base}/broken`, keepPending: true }, {});
    await failed.done;
    expect(failed.shown.pendingKeys).toEqual(["", null]);
  });

  it("sends a Blob as its own bytes and type", async () => {
    const { done } = submit({ url: `${base}/logo` }, new Blob(["PNGDATA"], { type: "image/png" }));
    await done;
    expect(seen.at(-1)).toMatchObject({ contentType: "image/png", body: "PNGDATA" });
  });

  it("reuses the Idempotency-Key only to retry the same call after it never reached the server", async () => {
    const retryKey = { current: null as RetryKey | null };
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const unreachable = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/spend`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const lost = submit({ url: unreachable, idempotent: true }, {}, {}, retryKey);
    await lost.done;
    expect(lost.shown.failures[0]).toMatch(/Could not reach the server/);
    const kept = retryKey.current?.key;
    expect(kept).toBeDefined();
    await submit({ url: unreachable, idempotent: true }, {}, {}, retryKey).done;
    expect(retryKey.current?.key).toBe(kept);

    await submit({ url: `${base}/other`, idempotent: true }, {}, {}, retryKey).done;
    expect(seen.at(-1)?.idempotencyKey).not.toBe(kept);
    expect(retryKey.current).toBeNull();
  });
});
