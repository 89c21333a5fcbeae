import { randomFillSync } from "node:crypto";
import { getPool, markApiUsageHoursPending } from "@pp/db";
import { type ApiUsageRow, ingestApiUsage } from "@pp/db/factories";
import { env } from "@pp/env";
import type pg from "pg";
import { v7 as uuidv7 } from "uuid";
import { onShutdown } from "../runtime/shutdown";

export type { ApiUsageRow };

/** A request as usage logging sees it; the buffer adds the row id. */
export type UsageEvent = Omit<ApiUsageRow, "id"> & { id?: string };

/** Writes one batch; throws to have it kept and retried. Default: COPY into api_usage. */
export type UsageWriter = (rows: readonly ApiUsageRow[]) => Promise<void>;

export type UsageBufferOptions = {
  /** Default: COPY through the app's pool (`copyUsageWriter(getPool)`). */
  write?: UsageWriter;
  /** Rows held at most; past it new rows are dropped and counted. */
  maxRows?: number;
  /** A flush starts as soon as this many rows wait. */
  batchSize?: number;
  /**
   * A backlog (more than a batch waiting) goes out in larger batches, up to this many rows, shared
   * between the writers: fewer COPY statements and commits when the buffer falls behind.
   */
  maxBatchSize?: number;
  /**
   * Batches written at once, each on its own connection, while more than one batch waits: one
   * COPY keeps one PostgreSQL backend busy, so a second lets the server use another core.
   */
  writers?: number;
  /** …and otherwise every intervalMs. */
  intervalMs?: number;
  /** First retry delay after a failed write; doubles up to maxBackoffMs. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Told of each failed write (the rows are kept). */
  onError?: (error: unknown, rows: number) => void;
  /** Told of each successful write, for the flush latency histogram. */
  onFlush?: (seconds: number, rows: number) => void;
};

export type UsageBufferStats = {
  /** Rows written to the database since start. */
  written: number;
  /** Rows refused because the buffer was full. */
  dropped: number;
  /** Rows waiting (including a batch being written). */
  buffered: number;
  /** Failed write attempts since start. */
  failedFlushes: number;
};

export type UsageBuffer = {
  /** Queues a row; never throws, never waits. False when the buffer was full and the row was dropped. */
  add(event: UsageEvent): boolean;
  /** Writes everything waiting now (ignoring backoff); resolves when done or when the write failed. */
  flush(): Promise<void>;
  stats(): UsageBufferStats;
  /** Stops the timer and tries to write what is left, giving up after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
};

export const USAGE_BUFFER_DEFAULTS = {
  maxRows: 100_000,
  batchSize: 2_000,
  maxBatchSize: 50_000,
  writers: 2,
  intervalMs: 1_000,
  minBackoffMs: 250,
  maxBackoffMs: 30_000,
} as const;

/**
 * The in-process queue between usage logging and api_usage. Requests only push onto an array;
 * batches go out by size and by timer, one at a time. A failed write keeps its rows at the front
 * and retries with exponential backoff, so a database outage costs memory (up to `maxRows`), not
 * requests; past `maxRows` the NEWEST rows are dropped (the oldest already wait their turn, and
 * dropping at the tail is O(1)), and every drop is counted.
 */
export function createUsageBuffer(options: UsageBufferOptions = {}): UsageBuffer {
  const settings = { ...USAGE_BUFFER_DEFAULTS, ...options };
  const write = options.write ?? copyUsageWriter(() => getPool());
  let queue: ApiUsageRow[] = [];
  let inFlight = 0;
  let written = 0;
  let dropped = 0;
  let failedFlushes = 0;
  let backoffMs = 0;
  let retryAt = 0;
  const writers = new Set<Promise<void>>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let stopped = false;

  function ensureTimer(): void {
    if (timer || stopped) return;
    timer = setInterval(() => startWriters(false), settings.intervalMs);
    // The timer alone never keeps a process (or a test run) alive; shutdown hooks flush the rest.
    timer.unref?.();
  }

  /** The waiting rows split between the writers, at least batchSize and at most maxBatchSize each. */
  function batchSizeNow(): number {
    const share = Math.ceil(queue.length / Math.max(1, settings.writers));
    return Math.max(settings.batchSize, Math.min(share, settings.maxBatchSize));
  }

  // One writer: takes the next batch until the queue is drained (or, unless forced, until less than
  // a batch waits). A failed write puts its rows back at the front and ends this writer.
  async function runWriter(force: boolean): Promise<void> {
    while (queue.length > 0) {
      if (!force && Date.now() < retryAt) return;
      const batch = queue.slice(0, batchSizeNow());
      queue = queue.slice(batch.length);
      inFlight += batch.length;
      const startedAt = performance.now();
      try {
        await write(batch);
        written += batch.length;
        backoffMs = 0;
        retryAt = 0;
        options.onFlush?.((performance.now() - startedAt) / 1000, batch.length);
      } catch (error) {
        // Back at the front; rows that arrived meanwhile stay behind them.
        queue = batch.concat(queue);
        failedFlushes++;
        backoffMs = Math.min(settings.maxBackoffMs, backoffMs === 0 ? settings.minBackoffMs : backoffMs * 2);
        retryAt = Date.now() + backoffMs;
        options.onError?.(error, batch.length);
        return;
      } finally {
        inFlight -= batch.length;
      }
      // Only drain fully when the buffer had filled a batch; a timer flush writes one batch per writer at most otherwise.
      if (!force && queue.length < settings.batchSize) return;
    }
  }

  /** Starts writers (up to `writers` at once) while rows wait that no writer has taken yet. */
  function startWriters(force: boolean): void {
    // Each writer takes its first batch before its first await, so the loop sees the queue shrink.
    while (writers.size < Math.max(1, settings.writers) && queue.length > 0 && (force || Date.now() >= retryAt)) {
      const writer: Promise<void> = runWriter(force).finally(() => writers.delete(writer));
      writers.add(writer);
      if (!force && queue.length < settings.batchSize) return;
    }
  }

  return {
    add(event) {
      if (queue.length + inFlight >= settings.maxRows) {
        dropped++;
        return false;
      }
      queue.push({ ...event, id: event.id ?? nextUsageRowId() });
      ensureTimer();
      if (queue.length >= settings.batchSize && writers.size < settings.writers && Date.now() >= retryAt) {
        startWriters(false);
      }
      return true;
    },
    async flush() {
      // The writers at work now, then forced ones that drain the queue (rows arriving meanwhile included).
      await Promise.all([...writers]);
      startWriters(true);
      await Promise.all([...writers]);
    },
    stats: () => ({ written, dropped, buffered: queue.length + inFlight, failedFlushes }),
    async stop(timeoutMs = 10_000) {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      const deadline = Date.now() + timeoutMs;
      while (queue.length + inFlight > 0 && Date.now() < deadline) {
        await this.flush();
        if (queue.length > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(backoffMs || 100, 1_000)));
      }
    },
  };
}

// Row ids: UUID v7, increasing within the process (the primary key's index appends at its right
// edge). uuid's own v7 draws 16 random bytes from the CSPRNG per id; here they come from a pool.
const RANDOM_POOL = new Uint8Array(16 * 256);
let poolOffset = RANDOM_POOL.length;
const idClock = { msecs: -1, seq: 0 };

/** The next api_usage row id: a UUID v7, monotonic in this process. */
export function nextUsageRowId(now = Date.now()): string {
  if (poolOffset === RANDOM_POOL.length) {
    randomFillSync(RANDOM_POOL);
    poolOffset = 0;
  }
  const random = RANDOM_POOL.subarray(poolOffset, poolOffset + 16);
  poolOffset += 16;
  if (now > idClock.msecs) {
    // A fresh 31-bit counter start each millisecond, as uuid's v7 does.
    idClock.msecs = now;
    idClock.seq =
      (((random[6] ?? 0) & 0x7f) << 24) | ((random[7] ?? 0) << 16) | ((random[8] ?? 0) << 8) | (random[9] ?? 0);
  } else {
    idClock.seq = (idClock.seq + 1) | 0;
    if (idClock.seq === 0) idClock.msecs++;
  }
  return uuidv7({ random, msecs: idClock.msecs, seq: idClock.seq });
}

const UNIQUE_VIOLATION = "23505";

/**
 * COPY (binary) into api_usage through a client of `pool`. Rows carry their own ids, so a batch
 * whose commit was not acknowledged (connection lost after COMMIT) is retried with an
 * `INSERT … SELECT FROM unnest … ON CONFLICT DO NOTHING`: written exactly once either way.
 */
export function copyUsageWriter(pool: () => pg.Pool): UsageWriter {
  let partitionsReadyFor = "";
  return async (rows) => {
    const client = await pool().connect();
    let broken: Error | undefined;
    // A connection lost mid-COPY is also emitted as an 'error' event; unheard, it would crash the process.
    const onLost = (error: Error) => {
      broken = error;
    };
    client.on("error", onLost);
    try {
      // Today's and tomorrow's partitions exist before rows land (else they would go to the default partition).
      const today = new Date().toISOString().slice(0, 10);
      if (partitionsReadyFor !== today) {
        // Best effort: a lost race with another instance or the maintenance job is harmless.
        await client.query("select ensure_api_usage_partitions(current_date - 1, 2)").catch(() => undefined);
        partitionsReadyFor = today;
      }
      await writeOnce(client, rows);
      // Rows buffered past their hour (a long outage) are rolled up on the job's next pass.
      await markApiUsageHoursPending(
        client,
        rows.map((row) => row.at),
      );
    } catch (error) {
      broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      client.off("error", onLost);
      // A client whose COPY failed mid-stream is not reused.
      client.release(broken);
    }
  };
}

/** COPY the batch; a batch already (partly) written by an unacknowledged commit is inserted skipping duplicates. */
async function writeOnce(client: pg.ClientBase, rows: readonly ApiUsageRow[]): Promise<void> {
  try {
    await ingestApiUsage(client, rows);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await insertIgnoringDuplicates(client, rows);
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === UNIQUE_VIOLATION;
}

async function insertIgnoringDuplicates(client: pg.ClientBase, rows: readonly ApiUsageRow[]): Promise<void> {
  const column = <K extends keyof ApiUsageRow>(key: K) => rows.map((row) => row[key]);
  await client.query(
    `insert into api_usage (id, tenant_id, api_key_id, actor, app, route, method, status, bytes, duration_ms, at)
     select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
                          $8::smallint[], $9::int[], $10::int[], $11::timestamptz[])
     on conflict do nothing`,
    [
      column("id"),
      column("tenantId"),
      column("apiKeyId"),
      column("actor"),
      column("app"),
      column("route"),
      column("method"),
      column("status"),
      column("bytes"),
      column("durationMs"),
      rows.map((row) => new Date(row.at).toISOString()),
    ],
  );
}

// On globalThis so every route bundle of a Next.js server shares the process's one buffer; keyed by
// database URL so a process that switches databases (test files sharing a worker) gets a new one.
const BUFFERS_KEY = Symbol.for("pp.usage-buffers");
type BufferHolder = { [BUFFERS_KEY]?: Map<string, UsageBuffer> };

/**
 * The app process's buffer, created on first use with the database pool, written out by the
 * shutdown coordinator's "flush" phase (after in-flight requests drained) and before a natural
 * exit (the apps' kit creates it when a route module loads).
 */
export function getUsageBuffer(options: Omit<UsageBufferOptions, "write"> = {}): UsageBuffer {
  const holder = globalThis as BufferHolder;
  let buffers = holder[BUFFERS_KEY];
  if (!buffers) {
    const created = new Map<string, UsageBuffer>();
    buffers = created;
    holder[BUFFERS_KEY] = created;
    installShutdownHooks(() => [...created.values()]);
  }
  const url = env().DATABASE_URL ?? "";
  const existing = buffers.get(url);
  if (existing) return existing;
  const buffer = createUsageBuffer(options);
  buffers.set(url, buffer);
  return buffer;
}

function installShutdownHooks(buffers: () => UsageBuffer[]): void {
  const drain = async () => {
    await Promise.all(buffers().map((buffer) => buffer.stop(env().SHUTDOWN_TIMEOUT_MS)));
    const left = buffers().reduce((sum, buffer) => sum + buffer.stats().buffered, 0);
    if (left > 0) throw new Error(`${left} usage rows could not be written before the deadline`);
  };
  // No signal handlers here: the coordinator owns SIGTERM/SIGINT and runs this once requests have drained.
  onShutdown("flush", "usage rows", drain);
  process.once("beforeExit", () => void drain().catch(() => undefined));
}
