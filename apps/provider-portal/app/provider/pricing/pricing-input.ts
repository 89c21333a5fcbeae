// Pricing forms' input helpers: typed counts to what the API takes, and how failures show.

import { ApiError, describeFailure, type FieldErrors } from "@pp/ui/api-client";
import { toast } from "@pp/ui/toaster";

/** A whole number typed in a form, or NaN (sent as null by JSON, so the server names the field). */
export function wholeOf(value: string): number {
  return value.trim() === "" ? Number.NaN : Number(value);
}

/** Field errors next to their fields; a toast for anything else (and for 409s, which say what to do). */
export function showFailure(error: unknown, setErrors: (errors: FieldErrors) => void) {
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
  setErrors(fieldErrors);
  const inline = Object.keys(fieldErrors).some((key) => key !== "");
  if (!inline || !(error instanceof ApiError) || error.status !== 400) toast.error(describeFailure(error));
}
