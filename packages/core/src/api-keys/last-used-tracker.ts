import { db, type Executor } from "@pp/db";
import { apiKeys } from "@pp/db/schema";
import { sql } from "drizzle-orm";

export const LAST_USED_FLUSH_INTERVAL_MS = 30_000;

export type LastUsedTrackerOptions = {
  executor?: Executor;
  intervalMs?: number;
  /** Told when a flush fails; the times are kept and retried on the next flush. */
  onError?: (error: unknown) => void;
};

export type LastUsedTracker = {
  /** Notes a use in memory; no database work happens here. */
  record(apiKeyId: string, at?: Date): void;
  /** Writes every pending time in one UPDATE; resolves with how many keys it covered. */
  flush(): Promise<number>;
  /** Keys with a time not yet written. */
  pending(): number;
  /** Stops the timer and writes what is pending. */
  stop(): Promise<void>;
};

/**
 * `last_used_at` without a write per request: the latest use of each key waits in memory and
 * goes out every 30 s in a single `UPDATE … FROM unnest(…)`, which only ever moves a time forward.
 */
export function createLastUsedTracker(options: LastUsedTrackerOptions = {}): LastUsedTracker {
  const executor = options.executor ?? db;
  const intervalMs = options.intervalMs ?? LAST_USED_FLUSH_INTERVAL_MS;
  let latest = new Map<string, Date>();
  let timer: ReturnType<typeof setInterval> | undefined;

  function keep(apiKeyId: string, at: Date): void {
    const known = latest.get(apiKeyId);
    if (!known || known < at) latest.set(apiKeyId, at);
  }

  // Two array parameters however many keys there are (a VALUES list would hit the 65,535-parameter cap).
  async function write(batch: Map<string, Date>): Promise<number> {
    const ids = [...batch.keys()].join(",");
    const times = [...batch.values()].map((at) => at.toISOString()).join(",");
    await executor.execute(sql`
      update ${apiKeys} set last_used_at = v.at
      from unnest(string_to_array(${ids}, ',')::uuid[], string_to_array(${times}, ',')::timestamptz[]) as v(id, at)
      where ${apiKeys.id} = v.id and (${apiKeys.lastUsedAt} is null or ${apiKeys.lastUsedAt} < v.at)`);
    return batch.size;
  }

  async function flushOnce(): Promise<number> {
    if (latest.size === 0) return 0;
    const batch = latest;
    latest = new Map();
    try {
      return await write(batch);
    } catch (error) {
      for (const [id, at] of batch) keep(id, at);
      options.onError?.(error);
      return 0;
    }
  }

  // One flush at a time: a caller arriving mid-flush waits for it, then writes what came since.
  let queue: Promise<number> = Promise.resolve(0);
  function flush(): Promise<number> {
    queue = queue.then(flushOnce);
    return queue;
  }

  return {
    record(apiKeyId, at = new Date()) {
      keep(apiKeyId, at);
      if (!timer) {
        timer = setInterval(() => void flush(), intervalMs);
        // The timer alone never keeps a process (or a test run) alive.
        timer.unref?.();
      }
    },
    flush,
    pending: () => latest.size,
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await flush();
    },
  };
}
