import { AppError } from "@pp/core/errors";
import type { BaseContext, Step } from "./compose";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type OriginCheckOptions = {
  /** Origins allowed to send cookie-authenticated writes, e.g. `() => [env().portalUrl]`. */
  allowedOrigins: () => readonly string[];
};

/**
 * CSRF defence for cookie sessions: a write carrying cookies must come from one of our origins.
 * Bearer-token calls are exempt: a browser never attaches those on its own.
 */
export function withOriginCheck(options: OriginCheckOptions): Step<BaseContext> {
  return async (ctx, next) => {
    if (!needsOriginCheck(ctx.request)) return next({});
    const origin = requestOrigin(ctx.request);
    const allowed = new Set(options.allowedOrigins().map(normalizeOrigin));
    if (origin === null || !allowed.has(origin)) {
      throw new AppError("origin_mismatch", "This request came from a site that is not allowed to make changes here", {
        details: { origin },
      });
    }
    return next({});
  };
}

function needsOriginCheck(request: Request): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  const usesCookies = request.headers.has("cookie");
  const usesBearer = /^bearer\s/i.test(request.headers.get("authorization") ?? "");
  return usesCookies && !usesBearer;
}

/** The Origin header, or the Referer's origin when a browser left Origin out. */
function requestOrigin(request: Request): string | null {
  const origin = request.headers.get("origin");
  if (origin && origin !== "null") return normalizeOrigin(origin);
  if (origin === "null") return null;
  const referer = request.headers.get("referer");
  return referer ? normalizeOrigin(referer) : null;
}

function normalizeOrigin(value: string): string {
  try {
    return new URL(value).origin;
  } catch {
    return value;
  }
}
