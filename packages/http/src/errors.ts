import { AppError, type ErrorBody, isAppError } from "@pp/core/errors";

/** The JSON error response; anything that is not an AppError becomes a 500 that reveals nothing. */
export function errorResponse(error: unknown, requestId: string): Response {
  const known = isAppError(error) ? error : new AppError("internal");
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
