import { AppError, type ErrorBody, isAppError } from "@pp/core/errors";
import { isDataException } from "./data-exception";

/** What a client reads when PostgreSQL itself refused a value no schema caught (see `isDataException`). */
export const UNSTORABLE_VALUE_MESSAGE = "A value in the request cannot be stored — check its dates, numbers and text";

/**
 * The JSON error response; anything that is not an AppError becomes a 500 that reveals nothing,
 * except a value PostgreSQL refused (class 22): bad input that got past a schema is still a 400.
 */
export function errorResponse(error: unknown, requestId: string): Response {
  const known = isAppError(error)
    ? error
    : isDataException(error)
      ? new AppError("validation_failed", UNSTORABLE_VALUE_MESSAGE)
      : new AppError("internal");
  const body: ErrorBody = {
    error: {
      code: known.code,
      message: known.message,
      ...(known.details === undefined ? {} : { details: known.details }),
      requestId,
    },
  };
  return Response.json(body, { status: known.status, headers: { ...known.headers, "X-Request-Id": requestId } });
}
