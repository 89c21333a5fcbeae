import { closeDb } from "@pp/db";
import { env } from "@pp/env";
import { deliverOutbox } from "../email/deliver-outbox";
import type { JobsRuntime } from "../jobs/start-jobs";
import { nameLogApp, rootLogger } from "../logger";
import { installShutdownHook, onShutdown, runShutdown } from "./shutdown";

const OUTBOX_INTERVAL_MS = 15_000;
let jobs: Promise<JobsRuntime | undefined> | undefined;
// On globalThis: instrumentation starts the jobs, but the readiness route is another bundle with its
// own copy of this module, which would otherwise always read "disabled".
const JOBS_STATE = Symbol.for("pp.jobs-state");
type StateHolder = { [JOBS_STATE]?: JobsState };
const setJobsState = (state: JobsState) => {
  (globalThis as StateHolder)[JOBS_STATE] = state;
};

/** disabled: this process runs no jobs; starting; running; failed: pg-boss did not start. */
export type JobsState = "disabled" | "starting" | "running" | "failed";

/** Whether this process's background jobs are up, for the readiness probe. */
export function jobsStatus(): JobsState {
  return (globalThis as StateHolder)[JOBS_STATE] ?? "disabled";
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
  installShutdown(config.SHUTDOWN_TIMEOUT_MS);
}

// Set by scripts/lib/serve-app.mjs: it owns SIGTERM/SIGINT (stop accepting, drain, then our hook).
const SIGNAL_OWNER = Symbol.for("pp.signal-owner");

/**
 * Publishes the shutdown hook and registers the pool close as its last phase. Under any other
 * launcher (`next start` with NEXT_MANUAL_SIG_HANDLE=true) nothing drains requests, but the
 * flushes still run before the process exits.
 */
function installShutdown(timeoutMs: number): void {
  installShutdownHook(timeoutMs);
  onShutdown("close", "database pool", closeDb);
  if ((globalThis as Record<symbol, unknown>)[SIGNAL_OWNER] === true) return;
  const log = rootLogger().child({ component: "shutdown" });
  const stop = (signal: NodeJS.Signals) => {
    log.info({ signal }, "shutting down");
    const deadline = setTimeout(() => process.exit(1), timeoutMs);
    void runShutdown(timeoutMs).then((report) => {
      clearTimeout(deadline);
      log.info(report, "shutdown done");
      process.exit(report.ok ? 0 : 1);
    });
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

/** Starts pg-boss in the background: a jobs failure is logged and never stops the app from serving. */
function startBackgroundJobs(): void {
  if (jobs) return;
  const log = rootLogger().child({ component: "jobs" });
  setJobsState("starting");
  jobs = import("../jobs/start-jobs")
    .then(({ startJobs }) => startJobs())
    .then((runtime) => {
      setJobsState("running");
      return runtime;
    })
    .catch((error: unknown) => {
      setJobsState("failed");
      log.error({ err: error }, "background jobs did not start; the app keeps serving");
      return undefined;
    });
  // Workers finish the job in hand (pg-boss waits for it) within the shutdown deadline.
  const started = jobs;
  onShutdown("jobs", "pg-boss", () =>
    started.then((runtime) => runtime?.stop(Math.max(1_000, env().SHUTDOWN_TIMEOUT_MS - 2_000))),
  );
}

/** Runs a background job now rather than at its next tick (no-op in a process that runs no jobs). */
export function sendJobNow(name: string): void {
  void jobs?.then((runtime) => runtime?.boss.send(name, {})).catch(() => undefined);
}
