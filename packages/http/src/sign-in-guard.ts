import { runWithAuditContext } from "@pp/core/audit/audit-context";
import { recordAuditEvent } from "@pp/core/audit/record-audit-event";
import { createSignInThrottle, type SignInThrottle } from "@pp/core/auth/sign-in-throttle";
import { AppError } from "@pp/core/errors";
import { clientIp } from "@pp/core/net/client-ip";
import { auditContextOf } from "./audit-context";
import type { BaseContext, Step } from "./compose";

const SIGN_IN_PATH = /\/sign-in\/email$/;
const MAX_AUDITED_EMAIL_LENGTH = 254;

async function emailOf(request: Request): Promise<string> {
  try {
    const body: unknown = await request.clone().json();
    if (body && typeof body === "object" && "email" in body && typeof body.email === "string") {
      return body.email.trim().toLowerCase();
    }
  } catch {
    // A body that is not JSON fails sign-in on its own; it still counts against the IP.
  }
  return "";
}

/**
 * In front of Better Auth (`/api/auth/*`): every request runs with its audit context, so the
 * auth hooks record sign-ins and sign-outs with request id, IP and user agent. Email sign-in
 * failures per email + client IP (`clientIp()`: the socket, or a trusted proxy's word) are slowed,
 * then refused with a 429 that says when to retry; failures per account, from any address, lock
 * the account the same way (10 by default) — the right password included while it lasts. Any failure
 * reads the same, so nobody learns whether an email exists, and each is audited as
 * `auth.sign_in_failed` by the system with the attempted email in metadata only (never as an actor).
 */
export function withSignInGuard(
  throttle: SignInThrottle,
  accountThrottle: SignInThrottle = createSignInThrottle({ maxFailures: 10, slowAfter: 5 }),
): Step<BaseContext> {
  return async (ctx, next) => {
    const context = auditContextOf(ctx);
    if (ctx.method !== "POST" || !SIGN_IN_PATH.test(ctx.url.pathname)) {
      return runWithAuditContext(context, () => next({}));
    }
    const email = await emailOf(ctx.request);
    const key = `${email}|${clientIp(ctx.request) ?? "unknown"}`;
    const verdict = strictest(throttle.check(key), accountThrottle.check(email));
    if (verdict.refused) {
      await auditFailure(ctx, { email, reason: "throttled", retryAfterSeconds: verdict.retryAfterSeconds });
      throw new AppError("rate_limited", `Too many failed sign-ins — try again in ${verdict.retryAfterSeconds} s`, {
        headers: { "Retry-After": String(verdict.retryAfterSeconds) },
        details: { retryAfterSeconds: verdict.retryAfterSeconds },
      });
    }
    if (verdict.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, verdict.delayMs));
    const response = await runWithAuditContext(context, () => next({}));
    if (response.ok) {
      throttle.recordSuccess(key);
      accountThrottle.recordSuccess(email);
      return response;
    }
    if (response.status >= 500) return response;
    throttle.recordFailure(key);
    accountThrottle.recordFailure(email);
    await auditFailure(ctx, { email, reason: "invalid_credentials" });
    throw new AppError("unauthenticated", "Invalid email or password");
  };
}

type Verdict = ReturnType<SignInThrottle["check"]>;

/** Refused if either refuses (the longer wait), else the longer delay. */
function strictest(a: Verdict, b: Verdict): Verdict {
  if (a.refused || b.refused) {
    const wait = Math.max(a.refused ? a.retryAfterSeconds : 0, b.refused ? b.retryAfterSeconds : 0);
    return { refused: true, retryAfterSeconds: wait };
  }
  return { refused: false, delayMs: Math.max(a.delayMs, b.delayMs) };
}

// The refusal still goes out if the audit write fails: the log line keeps the trace.
async function auditFailure(ctx: BaseContext, metadata: { email: string } & Record<string, unknown>): Promise<void> {
  try {
    await recordAuditEvent({
      actor: { kind: "system", label: "sign-in" },
      action: "auth.sign_in_failed",
      metadata: { ...metadata, email: metadata.email.slice(0, MAX_AUDITED_EMAIL_LENGTH), host: ctx.url.host },
      context: auditContextOf(ctx),
    });
  } catch (error) {
    ctx.log.error({ err: error }, "could not record auth.sign_in_failed");
  }
}
