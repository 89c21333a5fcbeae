import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { parseEnv } from "@pp/env";

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** shutdownTimeoutMs: the app's SHUTDOWN_TIMEOUT_MS; stopApps waits that long before SIGKILL. */
export type AppProcess = { name: string; url: string; child: ChildProcess; shutdownTimeoutMs: number };

/** Runs a command to completion, inheriting stdio; rejects on a non-zero exit. */
export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`)),
    );
  });
}

export function buildApps(options: { quiet?: boolean } = {}): Promise<void> {
  return run("npx", ["turbo", "run", "build", `--output-logs=${options.quiet ? "errors-only" : "new-only"}`], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
}

/**
 * Starts one Next.js app (production build, or `next dev` mode with dev) behind
 * scripts/lib/serve-app.mjs, which sets the client IP from the socket (X-Forwarded-For only from
 * TRUSTED_PROXIES), and resolves once it answers.
 */
export async function startApp(options: {
  name: string;
  dir: string;
  port: number;
  dev?: boolean;
  env: NodeJS.ProcessEnv;
  quiet?: boolean;
  /** How long it may take to answer; default 60 s (180 s with dev). */
  startTimeoutMs?: number;
}): Promise<AppProcess> {
  const server = path.join(ROOT, "scripts/lib/serve-app.mjs");
  const parsed = parseEnv(options.env);
  const trustedProxies = parsed.TRUSTED_PROXIES.join(",");
  const args = [
    server,
    "--dir",
    path.join(ROOT, options.dir),
    "--port",
    String(options.port),
    "--trusted-proxies",
    trustedProxies,
  ];
  if (options.dev) args.push("--dev");
  const child = spawn(process.execPath, args, {
    cwd: path.join(ROOT, options.dir),
    env: { ...options.env, NEXT_TELEMETRY_DISABLED: "1", PORT: String(options.port) },
    stdio: options.quiet ? ["ignore", "ignore", "inherit"] : "inherit",
  });
  const url = `http://localhost:${options.port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? (options.dev ? 180_000 : 60_000));
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${options.name} exited with ${child.exitCode} while starting`);
    try {
      await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) });
      return { name: options.name, url, child, shutdownTimeoutMs: parsed.SHUTDOWN_TIMEOUT_MS };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  child.kill("SIGTERM");
  throw new Error(`${options.name} did not answer on ${url} within the time limit`);
}

/**
 * SIGTERM to each app: it drains, flushes and exits by itself within its SHUTDOWN_TIMEOUT_MS
 * (scripts/lib/serve-app.mjs); SIGKILL only if it is still there a little after that.
 * Resolves with each app's exit code (null when killed).
 */
export async function stopApps(apps: AppProcess[]): Promise<(number | null)[]> {
  return Promise.all(
    apps.map(
      ({ child, shutdownTimeoutMs }) =>
        new Promise<number | null>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
          child.once("exit", (code) => resolve(code));
          child.kill("SIGTERM");
          setTimeout(() => child.kill("SIGKILL"), shutdownTimeoutMs + 2_000).unref();
        }),
    ),
  );
}
