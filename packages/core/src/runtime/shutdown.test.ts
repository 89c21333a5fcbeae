import { afterEach, describe, expect, it } from "vitest";
import { installShutdownHook, onShutdown, runShutdown, shutdownHook, shutdownSteps } from "./shutdown";

describe("the shutdown coordinator", () => {
  const registered: (() => void)[] = [];
  const register = (...args: Parameters<typeof onShutdown>) => registered.push(onShutdown(...args));
  afterEach(() => {
    for (const unregister of registered.splice(0)) unregister();
  });

  it("flushes, then stops jobs, then closes pools; one function registered twice runs once", async () => {
    const order: string[] = [];
    const flushUsage = async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push("usage rows");
    };
    register("close", "pool", () => order.push("pool"));
    register("jobs", "pg-boss", () => order.push("pg-boss"));
    register("flush", "usage rows", flushUsage);
    register("flush", "usage rows again", flushUsage);
    register("flush", "last used", () => order.push("last used"));

    expect(shutdownSteps()).toEqual([
      { phase: "flush", name: "usage rows" },
      { phase: "flush", name: "last used" },
      { phase: "jobs", name: "pg-boss" },
      { phase: "close", name: "pool" },
    ]);
    const report = await runShutdown(1_000);
    expect(order).toEqual(["last used", "usage rows", "pg-boss", "pool"]);
    expect(report).toMatchObject({ ok: true, timedOut: false });
  });

  it("reports a failed step and still closes the pools", async () => {
    let closed = false;
    register("flush", "usage rows", () => Promise.reject(new Error("database is down")));
    register("close", "pool", () => {
      closed = true;
    });
    const report = await runShutdown(1_000);
    expect(closed).toBe(true);
    expect(report.ok).toBe(false);
    expect(report.steps.find((step) => step.name === "usage rows")?.error).toBe("database is down");
  });

  it("gives up at the deadline instead of waiting for a step that hangs", async () => {
    register("flush", "stuck", () => new Promise(() => undefined));
    register("close", "pool", () => undefined);
    const started = Date.now();
    const report = await runShutdown(150);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(report).toMatchObject({ ok: false, timedOut: true });
    expect(report.steps.map((step) => step.name)).not.toContain("pool");
  });

  it("publishes the hook the app server calls, with the configured deadline", async () => {
    installShutdownHook(4_321);
    expect(shutdownHook()?.timeoutMs).toBe(4_321);
    expect(await shutdownHook()?.run(100)).toMatchObject({ ok: true });
  });
});
