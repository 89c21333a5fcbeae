import { OutboundUnreachableError } from "../../net/outbound-guard";

/**
 * No answer from the token endpoint: openid-client's timeout and abort codes, the outbound guard's
 * refusal, or a failed fetch — anywhere in the cause chain (openid-client wraps what fetch threw).
 */
export function isNetworkError(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (code === "OAUTH_TIMEOUT" || code === "OAUTH_ABORT") return true;
    if (current instanceof OutboundUnreachableError) return true;
    if (current.name === "TimeoutError" || current.name === "AbortError") return true;
    if (current instanceof TypeError && /fetch failed/i.test(current.message)) return true;
    current = current.cause;
  }
  return false;
}
