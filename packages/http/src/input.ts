import { AppError, fieldIssues, validationError } from "@pp/core/errors";
import type { z } from "zod";
import { DEFAULT_MAX_BODY_BYTES, hasBodyMethod, readBodyText } from "./body";
import type { BaseContext, Step } from "./compose";

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
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof SyntaxError ? `: ${error.message}` : "";
    throw new AppError("invalid_json", `The request body is not valid JSON${reason}`);
  }
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
