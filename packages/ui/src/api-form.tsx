"use client";

import { useCallback, useRef, useState } from "react";
import { ApiError, callApi, describeFailure, type FieldErrors } from "./api-client";
import { toast } from "./toaster";

type Method = "POST" | "PUT" | "PATCH" | "DELETE";

export type ApiFormOptions<Result> = {
  method?: Method;
  /** The endpoint, or a function of the body when the path depends on it. */
  url: string | ((body: unknown) => string);
  /** Send an `Idempotency-Key` (POST actions): a retry after a lost connection reuses it, so it lands once. */
  idempotent?: boolean;
  /** Toast on success; a function of the response for "Sent to ann@…" style messages. */
  success?: string | ((result: Result) => string);
  onSuccess?: (result: Result) => void | Promise<void>;
  /** A 409's message shows under this field instead of in a toast (e.g. "already a member" under Email). */
  conflictField?: string;
  /** Every 4xx's message shows under this field instead of in a toast (a one-field form, e.g. a coupon code). */
  errorField?: string;
  /** Called after the failure is shown (field errors set or toast raised). */
  onError?: (error: unknown) => void;
};

export type ApiForm<Result> = {
  /** Sends `body` as JSON; resolves to the response, or undefined when it failed (already shown). */
  submit: (body?: unknown) => Promise<Result | undefined>;
  pending: boolean;
  /** One message per field path from the server's 400 (`details: [{ path, message }]`). */
  errors: FieldErrors;
  setErrors: (errors: FieldErrors) => void;
  reset: () => void;
};

/**
 * The form plumbing every dialog and page repeats: pending state, the JSON call (with an
 * Idempotency-Key where asked), the server's field errors next to their fields, a toast for
 * success and for anything not shown inline.
 *
 *   const form = useApiForm<Plan>({ url: "/api/provider/plans", idempotent: true, success: "Plan created" });
 *   <form onSubmit={(e) => { e.preventDefault(); void form.submit(values); }}>
 *     <Field label="Name" htmlFor="plan-name" error={form.errors.name}><Input … /></Field>
 */
export function useApiForm<Result = unknown>(options: ApiFormOptions<Result>): ApiForm<Result> {
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const optionsRef = useRef(options);
  optionsRef.current = options;
  // Kept only while the last attempt never reached the server.
  const retryKey = useRef<string | null>(null);

  const submit = useCallback(async (body?: unknown): Promise<Result | undefined> => {
    const current = optionsRef.current;
    const url = typeof current.url === "function" ? current.url(body) : current.url;
    const idempotencyKey = current.idempotent ? (retryKey.current ?? crypto.randomUUID()) : undefined;
    setPending(true);
    setErrors({});
    try {
      const result = await callApi<Result>(url, { method: current.method ?? "POST", body, idempotencyKey });
      retryKey.current = null;
      const message = typeof current.success === "function" ? current.success(result) : current.success;
      if (message) toast.success(message);
      await current.onSuccess?.(result);
      return result;
    } catch (error) {
      retryKey.current = error instanceof ApiError && error.status === 0 ? (idempotencyKey ?? null) : null;
      const conflict = current.conflictField && error instanceof ApiError && error.status === 409;
      const refused =
        current.errorField && error instanceof ApiError && error.status >= 400 && error.status < 500
          ? { [current.errorField]: error.fieldErrors[current.errorField] ?? error.message }
          : null;
      const fieldErrors =
        refused ??
        (conflict && current.conflictField
          ? { [current.conflictField]: error.message }
          : error instanceof ApiError
            ? error.fieldErrors
            : {});
      setErrors(fieldErrors);
      const inline =
        refused !== null ||
        conflict ||
        (error instanceof ApiError && error.status === 400 && Object.keys(fieldErrors).some((key) => key !== ""));
      if (!inline) toast.error(describeFailure(error));
      current.onError?.(error);
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);

  const reset = useCallback(() => {
    setErrors({});
    retryKey.current = null;
  }, []);

  return { submit, pending, errors, setErrors, reset };
}
