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

/** The `Cookie` header a browser would send back after `response` set its cookies. */
export function cookieHeaderOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((value) => value.split(";")[0])
    .join("; ");
}

type PasswordSignIn = {
  api: {
    signInEmail(input: { body: { email: string; password: string }; asResponse: true }): Promise<Response>;
  };
};

/** Signs in with email and password through an app's Better Auth; returns that app's session cookie header. */
export async function signInCookie(auth: PasswordSignIn, email: string, password: string): Promise<string> {
  return cookieHeaderOf(await auth.api.signInEmail({ body: { email, password }, asResponse: true }));
}
