// Browser-side calls to the app's own JSON API: one place that reads the `{ error: { … } }` body.

export type FieldErrors = Record<string, string>;

/** A failed API call: the server's message (safe to show) and, for 400s, one message per field. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly fieldErrors: FieldErrors,
    readonly requestId: string | undefined,
    /** The error body's `details` as sent (e.g. what a confirmation would change). */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type ErrorBody = { error?: { code?: string; message?: string; details?: unknown; requestId?: string } };

function fieldErrorsOf(details: unknown): FieldErrors {
  if (!Array.isArray(details)) return {};
  const errors: FieldErrors = {};
  for (const issue of details) {
    if (issue && typeof issue === "object" && "path" in issue && "message" in issue) {
      const path = String(issue.path);
      errors[path] ??= String(issue.message);
    }
  }
  return errors;
}

/** `fetch` + JSON (or a file's bytes) for same-origin API routes; throws ApiError with the server's own message. */
export async function callApi<T = unknown>(
  url: string,
  init: { method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; body?: unknown; idempotencyKey?: string },
): Promise<T> {
  // A Blob (an uploaded file) goes as it is, typed as itself; anything else as JSON.
  const raw = init.body instanceof Blob ? init.body : undefined;
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: {
        accept: "application/json",
        ...(init.body === undefined ? {} : { "content-type": raw ? raw.type : "application/json" }),
        ...(init.idempotencyKey ? { "idempotency-key": init.idempotencyKey } : {}),
      },
      body: raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
    });
  } catch {
    throw new ApiError("Could not reach the server — check your connection and try again", 0, "network", {}, undefined);
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return body as T;
  const error = (body as ErrorBody | undefined)?.error;
  const requestId = error?.requestId ?? response.headers.get("x-request-id") ?? undefined;
  throw new ApiError(
    error?.message ?? `The request failed (${response.status}) — try again`,
    response.status,
    error?.code ?? "unknown",
    fieldErrorsOf(error?.details),
    requestId,
    error?.details,
  );
}

/** A toast-ready description: the message, plus the reference support asks for on server errors. */
export function describeFailure(error: unknown): string {
  if (error instanceof ApiError) {
    return error.status >= 500 && error.requestId ? `${error.message} (reference ${error.requestId})` : error.message;
  }
  return "Something went wrong — try again";
}
