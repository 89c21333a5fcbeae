import { AppError } from "@pp/core/errors";
import type { BaseContext, Step } from "./compose";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type OriginCheckOptions = {
  /** Origins allowed to send cookie-authenticated writes, e.g. `() => [env().portalUrl]`. */
  allowedOrigins: () => readonly string[];
};

/**
 * CSRF defence for cookie sessions: a write carrying cookies must come from one of our origins,
 * whatever else it carries — an `Authorization: Bearer …` header does not exempt it, since the
 * cookie is what these routes authenticate by. API-key routes do not use this step; a write
 * without cookies carries no ambient credential and passes.
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
  return (request.headers.get("cookie") ?? "").trim() !== "";
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
