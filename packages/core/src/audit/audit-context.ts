import { AsyncLocalStorage } from "node:async_hooks";
import type { AuditContext } from "./record-audit-event";

// One store per process, even if bundling loads this module twice (route chunk and auth chunk).
const STORE_KEY = Symbol.for("pp.core.audit-context");
type WithStore = typeof globalThis & { [STORE_KEY]?: AsyncLocalStorage<AuditContext> };

function store(): AsyncLocalStorage<AuditContext> {
  const holder = globalThis as WithStore;
  holder[STORE_KEY] ??= new AsyncLocalStorage<AuditContext>();
  return holder[STORE_KEY];
}

/**
 * Runs `fn` with the request's audit context available to code that cannot be handed it, such as
 * Better Auth's database hooks (sign-in, sign-out) which only see the raw request.
 */
export function runWithAuditContext<T>(context: AuditContext, fn: () => T): T {
  return store().run(context, fn);
}

/** The audit context of the request being handled, when one was set by `runWithAuditContext`. */
export function currentAuditContext(): AuditContext | undefined {
  return store().getStore();
}
