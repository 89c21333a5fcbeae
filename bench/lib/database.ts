/**
 * Where the benchmarks start their embedded PostgreSQL when no DATABASE_URL is set: a data folder
 * and port of their own, apart from the e2e harness's (port 54349), so a benchmark and the browser
 * tests can run at the same time.
 */
export const BENCH_DATABASE = { dataDir: ".data/bench-postgres", port: 54348 } as const;
