// Next.js calls register() once when the server starts: a bad environment stops the app here, naming the variable.
export async function register() {
  // Builds run without secrets; only a serving process must have a valid environment.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startAppRuntime } = await import("@pp/core/runtime/start-app-runtime");
  startAppRuntime("portal");
}
