import type { RouteHandler, RouteParams } from "./compose";

/** Calls a route handler the way Next.js does, params and all. */
export function callRoute(handler: RouteHandler, request: Request, params: RouteParams = {}): Promise<Response> {
  return handler(request, { params: Promise.resolve(params) });
}

/** A request to http://app.test; `json` sets the body and its content type. */
export function testRequest(path: string, init: RequestInit & { json?: unknown } = {}): Request {
  const { json, ...rest } = init;
  if (json === undefined) return new Request(`http://app.test${path}`, rest);
  const headers = new Headers(rest.headers);
  if (!headers.has("content-type")) headers.set("content-type", "application/json");
  return new Request(`http://app.test${path}`, { method: "POST", ...rest, headers, body: JSON.stringify(json) });
}
