import { AppError, ERROR_CODES, type ErrorCode } from "@pp/core/errors";
import { describe, expect, it } from "vitest";
import { errorResponse } from "./errors";

describe("errorResponse", () => {
  it.each(Object.entries(ERROR_CODES))("maps %s to its status", async (code, { status }) => {
    const response = errorResponse(new AppError(code as ErrorCode), "req-1");
    expect(response.status).toBe(status);
    const body = await response.json();
    expect(body.error).toMatchObject({ code, requestId: "req-1" });
  });

  it("table matches the statuses every client relies on", () => {
    const statuses = Object.fromEntries(Object.entries(ERROR_CODES).map(([code, entry]) => [code, entry.status]));
    expect(statuses).toEqual({
      validation_failed: 400,
      invalid_json: 400,
      unauthenticated: 401,
      forbidden: 403,
      origin_mismatch: 403,
      not_found: 404,
      method_not_allowed: 405,
      conflict: 409,
      payload_too_large: 413,
      unsupported_media_type: 415,
      idempotency_mismatch: 422,
      unprocessable: 422,
      rate_limited: 429,
      internal: 500,
      unavailable: 503,
    });
  });

  it("carries message, details and extra headers of an AppError", async () => {
    const error = new AppError("rate_limited", undefined, { details: { limit: 60 }, headers: { "Retry-After": "7" } });
    const response = errorResponse(error, "req-2");
    expect(response.headers.get("Retry-After")).toBe("7");
    expect(await response.json()).toEqual({
      error: {
        code: "rate_limited",
        message: "Too many requests — try again",
        details: { limit: 60 },
        requestId: "req-2",
      },
    });
  });

  it("turns an unknown error into a 500 that leaks nothing", async () => {
    const response = errorResponse(new Error('relation "secret_table" does not exist'), "req-3");
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("secret_table");
    expect(JSON.parse(text)).toEqual({
      error: {
        code: "internal",
        message: "Something went wrong — retry, or contact support with the request id",
        requestId: "req-3",
      },
    });
  });

  it("builds AppError with code, status and message", () => {
    const error = new AppError("not_found", "Lead not found");
    expect(error).toBeInstanceOf(Error);
    expect([error.code, error.status, error.message]).toEqual(["not_found", 404, "Lead not found"]);
  });
});
