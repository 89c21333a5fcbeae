import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { Readable } from "node:stream";
import { assertOutboundUrl, guardedLookup, type OutboundPolicy, OutboundUnreachableError } from "./outbound-guard";

export type GuardedFetchOptions = OutboundPolicy & {
  /** Redirects followed when the request asks to follow them (each hop is checked again). */
  maxRedirects?: number;
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const NO_BODY = new Set([204, 205, 304]);

/**
 * `fetch` for URLs that staff typed (SSO issuers and their endpoints, calendar feeds): only
 * http(s), never to this machine, a private network or link-local addresses (checked after DNS
 * resolution and on every redirect hop; loopback only with OUTBOUND_ALLOW_LOOPBACK). Every way of
 * not getting an answer — refused address, unknown host, closed port, timeout — throws the same
 * OutboundUnreachableError. Usable as openid-client's `customFetch`.
 */
export async function guardedFetch(
  input: string | URL,
  init: RequestInit = {},
  options: GuardedFetchOptions = {},
): Promise<Response> {
  const follow = (init.redirect ?? "follow") === "follow";
  const maxRedirects = options.maxRedirects ?? 3;
  let url = new URL(input);
  let method = (init.method ?? "GET").toUpperCase();
  let body = await bodyOf(init.body);
  const headers = new Headers(init.headers);
  for (let hop = 0; ; hop += 1) {
    const response = await requestOnce(url, { method, headers, body, signal: init.signal ?? undefined }, options);
    const location = response.headers.get("location");
    if (!follow || !REDIRECTS.has(response.status) || !location) return response;
    await response.body?.cancel();
    if (hop >= maxRedirects) throw new OutboundUnreachableError(`more than ${maxRedirects} redirects`);
    url = new URL(location, url);
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === "POST")) {
      method = "GET";
      body = undefined;
      headers.delete("content-type");
    }
  }
}

async function bodyOf(body: RequestInit["body"]): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return Buffer.from(body);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString());
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return Buffer.from(body as Uint8Array);
  return Buffer.from(await new Response(body).arrayBuffer());
}

function requestOnce(
  url: URL,
  init: { method: string; headers: Headers; body: Buffer | undefined; signal: AbortSignal | undefined },
  policy: OutboundPolicy,
): Promise<Response> {
  assertOutboundUrl(url, policy);
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  const headers: Record<string, string> = Object.fromEntries(init.headers);
  if (init.body) headers["content-length"] = String(init.body.length);
  return new Promise<Response>((resolve, reject) => {
    const unreachable = (error: unknown) =>
      reject(
        error instanceof OutboundUnreachableError
          ? error
          : new OutboundUnreachableError(error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
      );
    if (init.signal?.aborted) return unreachable(init.signal.reason);
    const request = send(url, {
      method: init.method,
      headers,
      lookup: guardedLookup(policy) as never,
      signal: init.signal,
    });
    request.on("error", unreachable);
    request.on("response", (message: IncomingMessage) => {
      const responseHeaders = new Headers();
      for (const [name, value] of Object.entries(message.headers)) {
        if (Array.isArray(value)) for (const item of value) responseHeaders.append(name, item);
        else if (value !== undefined) responseHeaders.set(name, value);
      }
      const status = message.statusCode ?? 502;
      const stream =
        NO_BODY.has(status) || init.method === "HEAD" ? null : (Readable.toWeb(message) as ReadableStream<Uint8Array>);
      if (!stream) message.resume();
      resolve(new Response(stream, { status, statusText: message.statusMessage, headers: responseHeaders }));
    });
    request.end(init.body);
  });
}
