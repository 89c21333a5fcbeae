import type { AuditContext } from "@pp/core/audit/record-audit-event";
import { clientIp } from "@pp/core/net/client-ip";
import type { BaseContext } from "./compose";

const MAX_USER_AGENT_LENGTH = 512;

/** What every audited write records about the request behind it: `context: auditContextOf(ctx)`. */
export function auditContextOf(ctx: Pick<BaseContext, "request" | "requestId">): AuditContext {
  const userAgent = ctx.request.headers.get("user-agent")?.slice(0, MAX_USER_AGENT_LENGTH) || undefined;
  return { requestId: ctx.requestId, ip: clientIp(ctx.request), userAgent };
}
