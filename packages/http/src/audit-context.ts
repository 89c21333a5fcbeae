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
