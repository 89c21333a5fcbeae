import type { RouteHandler, RouteParams } from "./compose";
import { createLogger, type Logger } from "./logger";

export type LogLine = Record<string, unknown> & { level: string; msg: string };

/** A logger whose lines tests can read back, parsed. */
export function captureLogs(level: "trace" | "debug" | "info" = "info"): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const destination = { write: (chunk: string) => void lines.push(JSON.parse(chunk)) };
  return { logger: createLogger({ level, destination }), lines };
}

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
