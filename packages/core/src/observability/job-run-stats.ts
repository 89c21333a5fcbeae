/** What /api/metrics reports per background job; kept in this process's memory. */
export type JobRunStats = {
  succeeded: number;
  failed: number;
  lastDurationSeconds: number;
  /** Epoch seconds of the last successful run; 0 before the first. */
  lastSuccessAt: number;
};

const KEY = Symbol.for("pp.job-run-stats");
type Holder = { [KEY]?: Map<string, JobRunStats> };

function stats(): Map<string, JobRunStats> {
  const holder = globalThis as Holder;
  holder[KEY] ??= new Map();
  return holder[KEY];
}

/** Counts one finished run of a job (the job runner calls it). */
export function recordJobRun(job: string, outcome: { ok: boolean; seconds: number; at?: Date }): void {
  const entry = stats().get(job) ?? { succeeded: 0, failed: 0, lastDurationSeconds: 0, lastSuccessAt: 0 };
  if (outcome.ok) {
    entry.succeeded += 1;
    entry.lastSuccessAt = Math.floor((outcome.at ?? new Date()).getTime() / 1000);
  } else {
    entry.failed += 1;
  }
  entry.lastDurationSeconds = outcome.seconds;
  stats().set(job, entry);
}

/** Every job's counts so far, for the metrics scrape. */
export function jobRunStats(): ReadonlyMap<string, JobRunStats> {
  return stats();
}
