import type { SignInThrottle } from "@pp/core/auth/sign-in-throttle";
import type { BaseContext, Step } from "./compose";
import { AppError } from "./errors";

const SIGN_IN_PATH = /\/sign-in\/email$/;

function clientIp(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || request.headers.get("x-real-ip") || "local";
}

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
 * In front of Better Auth's email sign-in: failures per email + IP are slowed, then refused with
 * a 429 that says when to retry. Any failure reads the same, so nobody learns whether an email exists.
 */
export function withSignInGuard(throttle: SignInThrottle): Step<BaseContext> {
  return async (ctx, next) => {
    if (ctx.method !== "POST" || !SIGN_IN_PATH.test(ctx.url.pathname)) return next({});
    const key = `${await emailOf(ctx.request)}|${clientIp(ctx.request)}`;
    const verdict = throttle.check(key);
    if (verdict.refused) {
      throw new AppError("rate_limited", `Too many failed sign-ins — try again in ${verdict.retryAfterSeconds} s`, {
        headers: { "Retry-After": String(verdict.retryAfterSeconds) },
        details: { retryAfterSeconds: verdict.retryAfterSeconds },
      });
    }
    if (verdict.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, verdict.delayMs));
    const response = await next({});
    if (response.ok) {
      throttle.recordSuccess(key);
      return response;
    }
    if (response.status >= 500) return response;
    throttle.recordFailure(key);
    throw new AppError("unauthenticated", "Invalid email or password");
  };
}
