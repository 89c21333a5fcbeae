import { isIP } from "node:net";

/** The header the app server (scripts/lib/serve-app.mjs) sets from the socket; any copy a client sent is dropped. */
export const CLIENT_IP_HEADER = "x-pp-client-ip";
const CLIENT_IP_MARK = Symbol.for("pp.client-ip-server");
const MAX_IP_LENGTH = 64;

/**
 * The caller's IP address, the one used everywhere (sign-in lock, rate limits, idempotency scope,
 * audit trail): what the app server took from the connecting socket, or from X-Forwarded-For only
 * when that socket is a trusted proxy (`TRUSTED_PROXIES`). Undefined when the process was not
 * started by that server (then no header can be trusted) or the value is not an IP address.
 */
export function clientIp(request: { headers: Headers }): string | undefined {
  if ((globalThis as Record<symbol, unknown>)[CLIENT_IP_MARK] !== true) return undefined;
  const value = request.headers.get(CLIENT_IP_HEADER)?.trim().slice(0, MAX_IP_LENGTH);
  return value && isIP(value) !== 0 ? value : undefined;
}

/** Declares this process fronted by the app server, as serve-app.mjs does; tests call it to stand in for it. */
export function markClientIpServer(on = true): void {
  (globalThis as Record<symbol, unknown>)[CLIENT_IP_MARK] = on;
}
