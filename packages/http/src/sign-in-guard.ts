import { runWithAuditContext } from "@pp/core/audit/audit-context";
import { recordAuditEvent } from "@pp/core/audit/record-audit-event";
import type { SignInThrottle } from "@pp/core/auth/sign-in-throttle";
import { AppError } from "@pp/core/errors";
import { auditContextOf, clientIpOf } from "./audit-context";
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
 * failures per email + IP are slowed, then refused with a 429 that says when to retry; any failure
 * reads the same, so nobody learns whether an email exists, and each is audited as
 * `auth.sign_in_failed` by the system with the attempted email in metadata only (never as an actor).
 */
export function withSignInGuard(throttle: SignInThrottle): Step<BaseContext> {
  return async (ctx, next) => {
    const context = auditContextOf(ctx);
    if (ctx.method !== "POST" || !SIGN_IN_PATH.test(ctx.url.pathname)) {
      return runWithAuditContext(context, () => next({}));
    }
    const email = await emailOf(ctx.request);
    const key = `${email}|${clientIpOf(ctx.request) ?? "local"}`;
    const verdict = throttle.check(key);
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
      return response;
    }
    if (response.status >= 500) return response;
    throttle.recordFailure(key);
    await auditFailure(ctx, { email, reason: "invalid_credentials" });
    throw new AppError("unauthenticated", "Invalid email or password");
  };
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
