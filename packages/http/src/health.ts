import { checkDatabase } from "@pp/core/observability/check-database";
import { jobsStatus } from "@pp/core/runtime/start-app-runtime";
import { env } from "@pp/env";
import { Redis } from "ioredis";

export type Readiness = {
  status: "ready" | "not_ready";
  checks: { database: "up" | "down"; redis: "up" | "down" | "not_configured"; jobs: ReturnType<typeof jobsStatus> };
};

const TIMEOUT_MS = 2_000;

async function checkRedis(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: TIMEOUT_MS,
    enableOfflineQueue: false,
  });
  client.on("error", () => {});
  try {
    await Promise.race([
      client.connect().then(() => client.ping()),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS)),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * Readiness: may this instance take traffic? The database must answer, Redis too when REDIS_URL
 * is set (shared rate limits), and background jobs must not have failed to start.
 */
export async function checkReadiness(): Promise<Readiness> {
  const redisUrl = env().REDIS_URL;
  const [database, redis] = await Promise.all([
    checkDatabase(),
    redisUrl ? checkRedis(redisUrl) : Promise.resolve(null),
  ]);
  const jobs = jobsStatus();
  const checks: Readiness["checks"] = {
    database: database ? "up" : "down",
    redis: redis === null ? "not_configured" : redis ? "up" : "down",
    jobs,
  };
  const ready = database && redis !== false && jobs !== "failed";
  return { status: ready ? "ready" : "not_ready", checks };
}
