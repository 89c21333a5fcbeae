import { rootLogger } from "@pp/core/logger";
import { onShutdown } from "@pp/core/runtime/shutdown";
import { getUsageBuffer } from "@pp/core/usage/usage-buffer";
import { closeDb } from "@pp/db";
import { compose } from "./compose";
import { observeUsageFlush, registerUsageBufferMetrics } from "./metrics";
import { type UsageLoggingOptions, withUsageLogging } from "./usage-logging";

/**
 * An app's `compose`: `@pp/http`'s, with every route recording one api_usage row per request
 * through the process's one usage buffer (written in batches, counted on /api/metrics), never
 * waiting for the write.
 */
export function createLoggedCompose(options: Omit<UsageLoggingOptions, "sink">) {
  const usageBuffer = getUsageBuffer({
    onFlush: (seconds) => observeUsageFlush(seconds),
    onError: (error, rows) => rootLogger().warn({ err: error, rows }, "api_usage write failed — rows kept, retrying"),
  });
  registerUsageBufferMetrics(usageBuffer.stats);
  // This bundle's pool (Next.js may load @pp/db once per route bundle), closed after the flushes.
  onShutdown("close", "database pool", closeDb);
  return withUsageLogging(compose, { ...options, sink: usageBuffer });
}
