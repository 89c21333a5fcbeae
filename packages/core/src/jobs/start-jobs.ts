import { env } from "@pp/env";
import PgBoss from "pg-boss";
import { rootLogger } from "../logger";
import { recordJobRun } from "../observability/job-run-stats";
import { JOB_DEFINITIONS, JOB_QUEUE_POLICY, type JobDefinition } from "./job-definitions";

/** pg-boss keeps its queues in its own schema of the app's database, away from the Drizzle migrations. */
export const JOBS_SCHEMA = "pgboss";

export type StartJobsOptions = {
  /** Default DATABASE_URL. */
  databaseUrl?: string;
  /** Default every job of JOB_DEFINITIONS; tests pass their own. */
  definitions?: readonly JobDefinition[];
  /** How often idle workers look for work (default 2 s, pg-boss's minimum is 0.5 s). */
  pollingIntervalSeconds?: number;
  /** How often pg-boss checks the cron schedules and sends due jobs (defaults 30 s and 5 s); tests shorten them. */
  cron?: { monitorIntervalSeconds: number; workerIntervalSeconds: number };
};

export type JobsRuntime = {
  boss: PgBoss;
  /** Stops workers (waiting up to `timeoutMs` for running jobs) and closes pg-boss's connections. */
  stop: (timeoutMs?: number) => Promise<void>;
};

/**
 * Starts pg-boss on the app's database: creates one queue per job, (re)writes its cron schedule, and
 * works it in this process. pg-boss's cron sends each scheduled job once per tick however many
 * instances run, and a job is fetched by one worker only (SKIP LOCKED), so several portal instances
 * can all run this without doing a job twice.
 */
export async function startJobs(options: StartJobsOptions = {}): Promise<JobsRuntime> {
  const connectionString = options.databaseUrl ?? env().DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: background jobs need the database");
  const log = rootLogger().child({ component: "jobs" });
  const definitions = options.definitions ?? JOB_DEFINITIONS;
  const boss = new PgBoss({
    connectionString,
    schema: JOBS_SCHEMA,
    application_name: "pp-jobs",
    max: 3,
    // Finished jobs are history for an operator, not data: a week is plenty.
    deleteAfterDays: 7,
    ...(options.cron && {
      cronMonitorIntervalSeconds: options.cron.monitorIntervalSeconds,
      cronWorkerIntervalSeconds: options.cron.workerIntervalSeconds,
    }),
  });
  boss.on("error", (error) => log.error({ err: error }, "pg-boss error"));
  await boss.start();
  try {
    for (const job of definitions) {
      // Idempotent, but instances starting together can deadlock on pg-boss's partition DDL: try again.
      await withRetries(async () => {
        await boss.createQueue(job.name, {
          name: job.name,
          policy: JOB_QUEUE_POLICY,
          expireInSeconds: job.expireInSeconds,
          retryLimit: 2,
          retryDelay: 60,
          retryBackoff: true,
        });
        await boss.schedule(job.name, job.cron, {}, { tz: "UTC" });
      });
      await boss.work(job.name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async (jobs) => {
        for (const { id } of jobs) {
          const started = performance.now();
          try {
            const result = await job.run();
            recordJobRun(job.name, { ok: true, seconds: (performance.now() - started) / 1000 });
            const done = { job: job.name, id, ms: Math.round(performance.now() - started), result };
            if (job.quiet) log.debug(done, "job done");
            else log.info(done, "job done");
          } catch (error) {
            recordJobRun(job.name, { ok: false, seconds: (performance.now() - started) / 1000 });
            log.error({ job: job.name, id, err: error }, "job failed");
            throw error;
          }
        }
      });
      if (job.runOnStart) await boss.send(job.name, {}, { singletonKey: "on-start", singletonSeconds: 60 });
    }
  } catch (error) {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    throw error;
  }
  log.info({ jobs: definitions.map((job) => job.name) }, "background jobs started");
  return {
    boss,
    stop: (timeoutMs = 10_000) => boss.stop({ graceful: true, wait: true, timeout: timeoutMs }),
  };
}

/** Runs `step` up to `attempts` times, waiting a random 100–600 ms between tries; rethrows the last error. */
async function withRetries(step: () => Promise<void>, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 500));
    }
  }
}
