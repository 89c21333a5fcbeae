import { resetEnv } from "@pp/env";
import { callRoute, testRequest } from "@pp/http/testing";
import { afterEach, describe, expect, it } from "vitest";
import { GET as LIVE } from "./live/route";
import { GET as READY } from "./ready/route";
import { GET as HEALTH } from "./route";

const savedRedis = process.env.REDIS_URL;

afterEach(() => {
  if (savedRedis === undefined) delete process.env.REDIS_URL;
  else process.env.REDIS_URL = savedRedis;
  resetEnv();
});

describe("health probes", () => {
  it("liveness answers without checking dependencies", async () => {
    const response = await callRoute(LIVE, testRequest("/api/health/live"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "alive" });
  });

  it("readiness is 200 with the database up and Redis not configured", async () => {
    delete process.env.REDIS_URL;
    resetEnv();
    for (const handler of [READY, HEALTH]) {
      const response = await callRoute(handler, testRequest("/api/health/ready"));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        status: "ready",
        checks: { database: "up", redis: "not_configured", jobs: "disabled" },
      });
    }
  });

  it("readiness is 503 naming Redis when the configured Redis does not answer", async () => {
    process.env.REDIS_URL = "redis://127.0.0.1:1";
    resetEnv();
    const response = await callRoute(READY, testRequest("/api/health/ready"));
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: "not_ready",
      checks: { database: "up", redis: "down", jobs: "disabled" },
    });
  });
});
