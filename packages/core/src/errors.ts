import type { z } from "zod";

/** The one code → status table. A code's default message is what users read when none is given. */
export const ERROR_CODES = {
  validation_failed: { status: 400, message: "The request is not valid" },
  invalid_json: { status: 400, message: "The request body is not valid JSON" },
  unauthenticated: { status: 401, message: "Sign in to continue" },
  forbidden: { status: 403, message: "You do not have access to this" },
  origin_mismatch: { status: 403, message: "This request came from a site that is not allowed" },
  not_found: { status: 404, message: "Not found" },
  method_not_allowed: { status: 405, message: "This method is not allowed here — see the Allow header" },
  conflict: { status: 409, message: "This conflicts with the current state — reload and try again" },
  payload_too_large: { status: 413, message: "The request body is too large" },
  unsupported_media_type: { status: 415, message: "Send the request body as application/json" },
  idempotency_mismatch: {
    status: 422,
    message: "This Idempotency-Key was already used for a different request",
  },
  unprocessable: { status: 422, message: "The request cannot be processed" },
  rate_limited: { status: 429, message: "Too many requests — try again" },
  internal: { status: 500, message: "Something went wrong — retry, or contact support with the request id" },
  unavailable: { status: 503, message: "The service is unavailable right now — try again shortly" },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One bad field, `path` dotted ("customer.email"). */
export type FieldIssue = { path: string; message: string };

export type ErrorBody = {
  error: { code: ErrorCode; message: string; details?: unknown; requestId: string };
};

export type AppErrorOptions = {
  details?: unknown;
  /** Extra response headers, e.g. `Retry-After` on `rate_limited`. */
  headers?: Record<string, string>;
  cause?: unknown;
};

/** The only error a domain function or step throws on purpose; its message is shown to the user. */
export class AppError extends Error {
  override name = "AppError";
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message?: string, options: AppErrorOptions = {}) {
    super(message ?? ERROR_CODES[code].message, { cause: options.cause });
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** A 400 naming the first bad field, with every issue in `details`. */
export function validationError(issues: readonly FieldIssue[], describe: (path: string) => string): AppError {
  const first = issues[0];
  const message = first ? `${describe(first.path)}: ${first.message}` : ERROR_CODES.validation_failed.message;
  return new AppError("validation_failed", message, { details: issues });
}

/** Zod issues as `{ path: "a.b", message }`, the shape every 400 carries in `details`. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((segment) => String(segment)).join("."),
    message: issue.message,
  }));
}
