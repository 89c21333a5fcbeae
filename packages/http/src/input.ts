import { AppError, fieldIssues, validationError } from "@pp/core/errors";
import { findUnstorableValue } from "@pp/core/input/storable";
import type { z } from "zod";
import { DEFAULT_MAX_BODY_BYTES, hasBodyMethod, readBodyText } from "./body";
import type { BaseContext, RouteParams, Step } from "./compose";

export type InputSchemas = { body?: z.ZodType; query?: z.ZodType; params?: z.ZodType };

/** `ctx.body`, `ctx.query`, `ctx.params` typed by the schemas given, and only those. */
export type ParsedInput<S extends InputSchemas> = {
  [K in keyof S]: S[K] extends z.ZodType ? z.output<S[K]> : never;
};

export type InputOptions = {
  /** Largest accepted body; 1 MiB unless a route needs more (imports) or less. */
  maxBytes?: number;
};

type Location = keyof InputSchemas;

const NAME_OF: Record<Location, (path: string) => string> = {
  body: (path) => (path ? `Invalid field "${path}"` : "Invalid request body"),
  query: (path) => (path ? `Invalid query parameter "${path}"` : "Invalid query string"),
  params: (path) => (path ? `Invalid path parameter "${path}"` : "Invalid path"),
};

/** Parses and validates the body, query and path params; bad input is a 4xx naming the field. */
export function withInput<const S extends InputSchemas>(
  schemas: S,
  options: InputOptions = {},
): Step<BaseContext, ParsedInput<S>> {
  return async (ctx, next) => {
    const parsed: Partial<Record<Location, unknown>> = {};
    if (schemas.params) parsed.params = await parseWith(schemas.params, ctx.params, "params");
    if (schemas.query) parsed.query = await parseWith(schemas.query, queryObject(ctx.url.searchParams), "query");
    if (schemas.body) {
      const body = await readJsonBody(ctx.request, options.maxBytes ?? DEFAULT_MAX_BODY_BYTES);
      parsed.body = await parseWith(schemas.body, body, "body");
    }
    // Each key holds what its schema's parse returned, which is exactly ParsedInput<S>.
    return next(parsed as ParsedInput<S>);
  };
}

/** `?status=a&status=b&limit=10` → `{ status: ["a", "b"], limit: "10" }`. */
export function queryObject(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    query[key] = values.length === 1 && values[0] !== undefined ? values[0] : values;
  }
  return query;
}

/** The JSON body, or undefined when the method carries none or the body is empty. */
export async function readJsonBody(request: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  if (!hasBodyMethod(request.method)) return undefined;
  const text = await readBodyText(request, maxBytes);
  if (text.trim() === "") return undefined;
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new AppError("unsupported_media_type", "Send the request body as JSON with Content-Type: application/json");
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof SyntaxError ? `: ${error.message}` : "";
    throw new AppError("invalid_json", `The request body is not valid JSON${reason}`);
  }
  assertStorable(body, "body");
  return body;
}

/**
 * Refuses, before any step or query sees them, values PostgreSQL cannot hold or that cost too
 * much to walk: NUL or lone surrogates in any string or key, JSON nested deeper than 32 levels,
 * more than 10,000 keys and items. A 400 (413 for size) naming the field.
 */
export function assertStorable(value: unknown, location: Location): void {
  const found = findUnstorableValue(value);
  if (!found) return;
  if (found.problem === "size") {
    throw new AppError("payload_too_large", `${NAME_OF[location]("")}: ${found.message}`, {
      details: [{ path: found.path, message: found.message }],
    });
  }
  throw validationError([{ path: found.path, message: found.message }], NAME_OF[location]);
}

/** The path params and query string of a request, checked by `assertStorable` (compose runs this first). */
export function assertStorableUrl(params: RouteParams, url: URL): void {
  assertStorable(params, "params");
  for (const [key, value] of url.searchParams) assertStorable({ [key]: value }, "query");
}

/**
 * For routes that hand the request to a library (Better Auth) instead of `withInput`: a JSON
 * body is checked on a copy, so the library still reads the original.
 */
export function withStorableBody(options: InputOptions = {}): Step<BaseContext> {
  return async (ctx, next) => {
    if (isJsonContentType(ctx.request.headers.get("content-type"))) {
      const copy = ctx.request.clone();
      const text = await readBodyText(copy, options.maxBytes ?? DEFAULT_MAX_BODY_BYTES);
      if (text.trim() !== "") {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          // Not JSON after all: the library answers that itself.
          return next({});
        }
        assertStorable(body, "body");
      }
    }
    return next({});
  };
}

export function isJsonContentType(contentType: string | null): boolean {
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  return mediaType === "application/json" || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
}

async function parseWith(schema: z.ZodType, value: unknown, location: Location): Promise<unknown> {
  const result = await schema.safeParseAsync(value);
  if (result.success) return result.data;
  throw validationError(fieldIssues(result.error), NAME_OF[location]);
}
