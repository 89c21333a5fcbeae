import { env } from "@pp/env";
import { deliverOutbox } from "../email/deliver-outbox";
import type { JobsRuntime } from "../jobs/start-jobs";
import { nameLogApp, rootLogger } from "../logger";

const OUTBOX_INTERVAL_MS = 15_000;
let jobs: Promise<JobsRuntime | undefined> | undefined;
let jobsState: JobsState = "disabled";

/** disabled: this process runs no jobs; starting; running; failed: pg-boss did not start. */
export type JobsState = "disabled" | "starting" | "running" | "failed";

/** Whether this process's background jobs are up, for the readiness probe. */
export function jobsStatus(): JobsState {
  return jobsState;
}

/**
 * Runs once when an app's server starts (Next.js instrumentation): validates the environment so a
 * bad variable stops the app with its name, and starts the email outbox sender when SMTP is set.
 * The portal also runs the background jobs (pg-boss) unless JOBS_ENABLED=false.
 */
export function startAppRuntime(app: "portal" | "tenant"): void {
  nameLogApp(app);
  const config = env();
  if (!config.authSecret) {
    throw new Error("AUTH_SECRET (or NEXTAUTH_SECRET) is not set: sessions cannot be signed. See .env.example.");
  }
  if (config.EMAIL_SMTP_URL && app === "portal") {
    // One app drains the shared outbox on a timer; the other sends its own mail right away (deliverOutboxSoon).
    setInterval(() => void deliverOutbox().catch(() => undefined), OUTBOX_INTERVAL_MS).unref();
  }
  // Jobs run in the portal only: the tenant app serves customers and should not share its process with batch work.
  if (app === "portal" && config.jobsEnabled && config.DATABASE_URL) startBackgroundJobs();
}

/** Starts pg-boss in the background: a jobs failure is logged and never stops the app from serving. */
function startBackgroundJobs(): void {
  if (jobs) return;
  const log = rootLogger().child({ component: "jobs" });
  jobsState = "starting";
  jobs = import("../jobs/start-jobs")
    .then(({ startJobs }) => startJobs())
    .then((runtime) => {
      jobsState = "running";
      return runtime;
    })
    .catch((error: unknown) => {
      jobsState = "failed";
      log.error({ err: error }, "background jobs did not start; the app keeps serving");
      return undefined;
    });
  const stop = () => void jobs?.then((runtime) => runtime?.stop(5_000)).catch(() => undefined);
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

/** Runs a background job now rather than at its next tick (no-op in a process that runs no jobs). */
export function sendJobNow(name: string): void {
  void jobs?.then((runtime) => runtime?.boss.send(name, {})).catch(() => undefined);
}
