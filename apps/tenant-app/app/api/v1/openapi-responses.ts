import type { ApiEndpoint } from "./openapi";

type JsonSchema = Record<string, unknown>;

/** The response headers the API sends, as `#/components/headers/<name>`. */
export const RESPONSE_HEADERS: Record<string, JsonSchema> = {
  "X-Request-Id": {
    description: "This request's id (yours when you sent a sane `X-Request-Id`); quote it to support",
    schema: { type: "string" },
  },
  RateLimit: {
    description: 'The key\'s remaining quota in this window, e.g. `"public-api";r=297;t=41` (IETF RateLimit headers)',
    schema: { type: "string" },
  },
  "RateLimit-Policy": {
    description: 'The limit that applies, e.g. `"public-api";q=300;w=60`: q requests per w seconds',
    schema: { type: "string" },
  },
  "Retry-After": { description: "Seconds to wait before retrying", schema: { type: "integer", minimum: 1 } },
  "WWW-Authenticate": { description: "`Bearer`, with `error=` naming what was wrong", schema: { type: "string" } },
  "Idempotent-Replayed": {
    description: "`true` when this is the stored response to an earlier request with the same Idempotency-Key",
    schema: { type: "string", enum: ["true"] },
  },
};

const header = (name: string) => ({ $ref: `#/components/headers/${name}` });
const withRateLimit = { "X-Request-Id": header("X-Request-Id"), ...rateLimitHeaders() };

function rateLimitHeaders() {
  return { RateLimit: header("RateLimit"), "RateLimit-Policy": header("RateLimit-Policy") };
}

/** A success passed the rate limit, so it carries its headers; a replay says so. */
export function successHeaders(endpoint: ApiEndpoint): JsonSchema {
  return endpoint.idempotent
    ? { ...withRateLimit, "Idempotent-Replayed": header("Idempotent-Replayed") }
    : withRateLimit;
}

/**
 * Every error status the endpoint can answer, from the steps it is composed of: the key check
 * (401, and 403 for a scope) runs before the rate limit (so those carry no RateLimit headers),
 * then the limit (429), the body reader (400, 413, 415), idempotency (409 in flight, 422 reused
 * key), and what the endpoint itself declares. Anything else (500, 503) is the `default`.
 */
export function errorResponsesOf(endpoint: ApiEndpoint): Record<string, JsonSchema> {
  const before: Record<number, string> = { 401: "No API key, or an invalid, revoked or expired one" };
  if (endpoint.scope) before[403] = `The key lacks ${endpoint.scope}`;
  const after: Record<number, string[]> = {
    400: ["The URL holds a value that cannot be stored (a NUL byte, a lone surrogate)"],
    429: ["Over the rate limit; retry after `Retry-After` seconds"],
  };
  const add = (status: number, description: string, first = false) => {
    const known = after[status] ?? [];
    after[status] = first ? [description, ...known] : [...known, description];
  };
  if (endpoint.body) {
    add(400, "The body is not valid JSON");
    add(413, "The body is larger than the route accepts, or a field is longer than its limit");
    add(415, "The body is not sent as `Content-Type: application/json`");
  }
  if (endpoint.idempotent) {
    add(400, "The Idempotency-Key header is not valid");
    add(409, "A request with this Idempotency-Key is still being processed; retry shortly");
    add(422, "This Idempotency-Key was already used with a different request (`idempotency_mismatch`)");
  }
  for (const [status, description] of Object.entries(endpoint.errors)) {
    if (Number(status) === 403 && before[403]) before[403] = description;
    else add(Number(status), description, true);
  }
  const responses: Record<string, JsonSchema> = {};
  const error = { "application/json": { schema: { $ref: "#/components/schemas/Error" } } };
  for (const [status, description] of Object.entries(before)) {
    const auth = status === "401" || endpoint.scope ? { "WWW-Authenticate": header("WWW-Authenticate") } : {};
    responses[status] = { description, headers: { "X-Request-Id": header("X-Request-Id"), ...auth }, content: error };
  }
  for (const [status, descriptions] of Object.entries(after)) {
    const retry = status === "429" ? { "Retry-After": header("Retry-After") } : {};
    responses[status] = {
      description: descriptions.map((text, index) => (index ? lowerFirst(text) : text)).join("; or "),
      headers: { ...withRateLimit, ...retry },
      content: error,
    };
  }
  responses.default = {
    description: "An unexpected error (500) or the service is unavailable (503); retry, quoting `requestId` to support",
    headers: { "X-Request-Id": header("X-Request-Id") },
    content: error,
  };
  return responses;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
