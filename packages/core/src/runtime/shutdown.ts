/**
 * One shutdown per process, in phases: "flush" (usage rows, API-key last-used times), then "jobs"
 * (pg-boss), then "close" (pools, Redis). The app server (scripts/lib/serve-app.mjs) owns the
 * signal: it stops accepting and drains in-flight requests, then calls the hook installed here.
 *
 * The registry sits on globalThis: Next.js may load a module once per route bundle, and every
 * copy must register into the same list that the one hook runs.
 */

export type ShutdownPhase = "flush" | "jobs" | "close";
export const SHUTDOWN_PHASES: readonly ShutdownPhase[] = ["flush", "jobs", "close"];

type Step = { phase: ShutdownPhase; name: string; run: () => unknown };

export type ShutdownStepReport = { phase: ShutdownPhase; name: string; ms: number; error?: string };
export type ShutdownReport = { ok: boolean; timedOut: boolean; steps: ShutdownStepReport[] };

/** What the app server finds on globalThis (plain JavaScript reads it: keep it a plain object). */
export type ShutdownHook = {
  /** SHUTDOWN_TIMEOUT_MS: the whole shutdown's deadline, draining included. */
  timeoutMs: number;
  /** Runs every registered step, phase by phase, within `budgetMs`. */
  run: (budgetMs: number) => Promise<ShutdownReport>;
};

export const SHUTDOWN_HOOK = Symbol.for("pp.shutdown-hook");
const REGISTRY = Symbol.for("pp.shutdown-steps");
type Holder = { [REGISTRY]?: Step[]; [SHUTDOWN_HOOK]?: ShutdownHook };

function registry(): Step[] {
  const holder = globalThis as Holder;
  holder[REGISTRY] ??= [];
  return holder[REGISTRY];
}

/**
 * Registers work to do at shutdown. The same function registered twice runs once (a module that
 * registers on load may be evaluated again); returns a function that unregisters it.
 */
export function onShutdown(phase: ShutdownPhase, name: string, run: () => unknown): () => void {
  const steps = registry();
  if (!steps.some((step) => step.run === run)) steps.push({ phase, name, run });
  return () => {
    const index = steps.findIndex((step) => step.run === run);
    if (index >= 0) steps.splice(index, 1);
  };
}

/** The steps registered so far, in the order they would run (tests and the startup log). */
export function shutdownSteps(): { phase: ShutdownPhase; name: string }[] {
  return SHUTDOWN_PHASES.flatMap((phase) =>
    registry()
      .filter((step) => step.phase === phase)
      .map(({ name }) => ({ phase, name })),
  );
}

/**
 * Runs the steps: each phase's steps side by side, phases one after another. A failing step is
 * reported and the next phase still runs (pools must close even when a flush failed); past
 * `budgetMs` the remaining steps are abandoned and the report says timedOut.
 */
export async function runShutdown(budgetMs: number): Promise<ShutdownReport> {
  const deadline = Date.now() + budgetMs;
  const steps: ShutdownStepReport[] = [];
  let timedOut = false;
  for (const phase of SHUTDOWN_PHASES) {
    const due = registry().filter((step) => step.phase === phase);
    if (due.length === 0) continue;
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      timedOut = true;
      break;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<"expired">((resolve) => {
      timer = setTimeout(() => resolve("expired"), remaining);
    });
    const finished = Promise.all(due.map((step) => runStep(step, steps)));
    const outcome = await Promise.race([finished, expired]);
    clearTimeout(timer);
    if (outcome === "expired") {
      timedOut = true;
      break;
    }
  }
  return { ok: !timedOut && steps.every((step) => !step.error), timedOut, steps };
}

async function runStep(step: Step, reports: ShutdownStepReport[]): Promise<void> {
  const started = performance.now();
  try {
    await step.run();
    reports.push({ phase: step.phase, name: step.name, ms: Math.round(performance.now() - started) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    reports.push({ phase: step.phase, name: step.name, ms: Math.round(performance.now() - started), error: message });
  }
}

/** Publishes the hook the app server calls on SIGTERM/SIGINT. */
export function installShutdownHook(timeoutMs: number): ShutdownHook {
  const hook: ShutdownHook = { timeoutMs, run: runShutdown };
  (globalThis as Holder)[SHUTDOWN_HOOK] = hook;
  return hook;
}

/** The hook, when an app runtime installed one. */
export function shutdownHook(): ShutdownHook | undefined {
  return (globalThis as Holder)[SHUTDOWN_HOOK];
}
