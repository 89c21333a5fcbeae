import { AppError } from "@pp/core/errors";
import { pickRequestId, type RouteHandler } from "./compose";
import { errorResponse } from "./errors";

/** The methods a route file can answer; Next.js sends anything else to its own bodiless 405. */
export const ROUTE_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

type Implemented = Partial<Record<Exclude<RouteMethod, "HEAD" | "OPTIONS">, RouteHandler>>;
export type OtherMethods<H> = { [M in Exclude<RouteMethod, keyof H>]: RouteHandler };

/** `Allow` as RFC 9110 lists it: what the route implements, HEAD wherever GET is, and OPTIONS. */
export function allowedMethods(implemented: readonly string[]): string {
  const allowed = new Set([...implemented, "OPTIONS"]);
  if (allowed.has("GET")) allowed.add("HEAD");
  return ROUTE_METHODS.filter((method) => allowed.has(method)).join(", ");
}

/**
 * Handlers for every method a route does not implement, so a client gets what the API promises
 * (a 405 with `Allow`, the JSON error body and `X-Request-Id`) instead of Next.js's empty 405.
 * Each route file ends with `export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET, POST });`:
 * naming an implemented method there does not compile, and tooling/routes checks every route.
 */
export function methodNotAllowed<const H extends Implemented>(implemented: H): OtherMethods<H> {
  const names = Object.keys(implemented);
  const allow = allowedMethods(names);
  const refuse: RouteHandler = async (request) => {
    const requestId = pickRequestId(request.headers.get("x-request-id"));
    const response = errorResponse(
      new AppError("method_not_allowed", `${request.method} is not allowed here; use ${allow}`, {
        details: { allowed: allow.split(", ") },
        headers: { Allow: allow },
      }),
      requestId,
    );
    return response;
  };
  const options: RouteHandler = async (request) =>
    new Response(null, {
      status: 204,
      headers: { Allow: allow, "X-Request-Id": pickRequestId(request.headers.get("x-request-id")) },
    });
  const handlers: Partial<Record<RouteMethod, RouteHandler>> = {};
  for (const method of ROUTE_METHODS) {
    if (method in implemented) continue;
    // Next.js answers HEAD with the GET handler; keep that wherever GET exists.
    const get = implemented.GET;
    handlers[method] = method === "OPTIONS" ? options : method === "HEAD" && get ? get : refuse;
  }
  return handlers as OtherMethods<H>;
}
