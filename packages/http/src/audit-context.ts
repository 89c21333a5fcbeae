import { AsyncLocalStorage } from "node:async_hooks";
import type { AuditContext } from "@pp/core/audit/record-audit-event";
import type { BaseContext } from "./compose";

const MAX_IP_LENGTH = 64;
const MAX_USER_AGENT_LENGTH = 512;

/**
 * The caller's IP: the first hop of X-Forwarded-For (the client, as the proxy in front saw it),
 * else X-Real-IP. Only as trustworthy as that proxy; without one the headers are the client's word.
 */
export function clientIpOf(request: Request): string | undefined {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || request.headers.get("x-real-ip")?.trim();
  return ip ? ip.slice(0, MAX_IP_LENGTH) : undefined;
}

/** What every audited write records about the request behind it: `context: auditContextOf(ctx)`. */
export function auditContextOf(ctx: Pick<BaseContext, "request" | "requestId">): AuditContext {
  const userAgent = ctx.request.headers.get("user-agent")?.slice(0, MAX_USER_AGENT_LENGTH) || undefined;
  return { requestId: ctx.requestId, ip: clientIpOf(ctx.request), userAgent };
}

// One store per process, even if bundling loads this module twice (route chunk and auth chunk).
const STORE_KEY = Symbol.for("pp.http.audit-context");
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
