"use client";

import { useRouter } from "next/navigation";
import { useCallback, useRef, useState, useTransition } from "react";
import { ApiError, callApi, describeFailure, type FieldErrors } from "./api-client";
import { toast } from "./toaster";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Message<Result> = string | ((result: Result) => string);

export type ApiFormOptions<Result> = {
  method?: Method;
  /** The endpoint, or a function of the body when the path depends on it; a call may name its own. */
  url?: string | ((body: unknown) => string);
  /** Send an `Idempotency-Key` (POST actions): a retry after a lost connection reuses it, so it lands once. */
  idempotent?: boolean;
  /** Toast on success; a function of the response for "Sent to ann@…" style messages. */
  success?: Message<Result>;
  onSuccess?: (result: Result) => void | Promise<void>;
  /** Re-render the page's server components after a success (the list or status it shows changed). */
  refresh?: boolean;
  /** The page is leaving on success (onSuccess navigates): stay pending, so nobody clicks twice. */
  keepPending?: boolean;
  /** A 409's message shows under this field instead of in a toast (e.g. "already a member" under Email). */
  conflictField?: string;
  /** Every 4xx's message shows under this field instead of in a toast (a one-field form, e.g. a coupon code). */
  errorField?: string;
  /** Failures that no field shows go to `form.error` (shown in the form) instead of a toast. */
  inlineError?: boolean;
  /**
   * Also toast when the failure is shown under the fields (long forms, where they may be out of
   * view): this message, or `true` for the server's own ("Company name: is required").
   */
  fieldErrorsToast?: string | true;
  /**
   * Called on failure before anything is shown; return true when the form showed it itself
   * (e.g. a 409 that asks for confirmation), and the hook then shows nothing.
   */
  onError?: (error: unknown) => unknown;
};

/** What one submit may name for itself: a row's own endpoint, its own message, which button it was. */
export type ApiCall<Result> = {
  url?: string;
  method?: Method;
  success?: Message<Result>;
  idempotent?: boolean;
  /** Which of the form's buttons sent it: `form.pendingKey` while it runs. */
  key?: string;
  /** After the form's own onSuccess (a 204 resolves to undefined too, so act on success here). */
  onSuccess?: (result: Result) => void | Promise<void>;
};

export type ApiForm<Result> = {
  /** Sends `body` (JSON, or a Blob as is); resolves to the response, or undefined when it failed (already shown). */
  submit: (body?: unknown, call?: ApiCall<Result>) => Promise<Result | undefined>;
  pending: boolean;
  /** The running call's `key` (or "" when it named none); null when idle. */
  pendingKey: string | null;
  /** One message per field path from the server's 400 (`details: [{ path, message }]`). */
  errors: FieldErrors;
  setErrors: (errors: FieldErrors) => void;
  /** With `inlineError`: the failure no field shows, for the form to show in place. */
  error: string | undefined;
  reset: () => void;
};

/** The Idempotency-Key of an attempt that never reached the server, for a retry of the same call. */
export type RetryKey = { key: string; target: string };

/** Where a submit shows its progress and outcome: React state and toasts in the hook, recorders in tests. */
export type ApiFormView = {
  setPendingKey: (key: string | null) => void;
  setErrors: (errors: FieldErrors) => void;
  setError: (message: string | undefined) => void;
  toast: { success: (message: string) => void; error: (message: string) => void };
  refresh: () => void;
};

/**
 * One submit, start to finish: the call (with an Idempotency-Key where asked, reused only by a
 * retry after the last attempt never reached the server), then the outcome shown through `view`.
 */
export async function submitApiForm<Result>(
  options: ApiFormOptions<Result>,
  body: unknown,
  call: ApiCall<Result>,
  view: ApiFormView,
  retryKey: { current: RetryKey | null },
): Promise<Result | undefined> {
  const url = call.url ?? (typeof options.url === "function" ? options.url(body) : options.url);
  if (url === undefined) throw new Error("useApiForm: no url for this call");
  const method = call.method ?? options.method ?? "POST";
  const target = `${method} ${url}`;
  const idempotencyKey =
    (call.idempotent ?? options.idempotent)
      ? retryKey.current?.target === target
        ? retryKey.current.key
        : crypto.randomUUID()
      : undefined;
  let keepPending = false;
  view.setPendingKey(call.key ?? "");
  view.setErrors({});
  view.setError(undefined);
  try {
    const result = await callApi<Result>(url, { method, body, idempotencyKey });
    retryKey.current = null;
    const success = call.success ?? options.success;
    const message = typeof success === "function" ? success(result) : success;
    if (message) view.toast.success(message);
    await options.onSuccess?.(result);
    await call.onSuccess?.(result);
    if (options.refresh) view.refresh();
    keepPending = options.keepPending === true;
    return result;
  } catch (error) {
    retryKey.current =
      error instanceof ApiError && error.status === 0 && idempotencyKey ? { key: idempotencyKey, target } : null;
    if (options.onError?.(error) === true) return undefined;
    const conflict = options.conflictField !== undefined && error instanceof ApiError && error.status === 409;
    const refused =
      options.errorField && error instanceof ApiError && error.status >= 400 && error.status < 500
        ? { [options.errorField]: error.fieldErrors[options.errorField] ?? error.message }
        : null;
    const fieldErrors =
      refused ??
      (conflict && options.conflictField
        ? { [options.conflictField]: (error as ApiError).message }
        : error instanceof ApiError
          ? error.fieldErrors
          : {});
    view.setErrors(fieldErrors);
    const inline =
      refused !== null ||
      conflict ||
      (error instanceof ApiError && error.status === 400 && Object.keys(fieldErrors).some((key) => key !== ""));
    if (inline && options.fieldErrorsToast)
      view.toast.error(options.fieldErrorsToast === true ? describeFailure(error) : options.fieldErrorsToast);
    else if (!inline && options.inlineError) view.setError(describeFailure(error));
    else if (!inline) view.toast.error(describeFailure(error));
    return undefined;
  } finally {
    if (!keepPending) view.setPendingKey(null);
  }
}

/**
 * The form plumbing every dialog and page repeats: pending state, the JSON call (with an
 * Idempotency-Key where asked), the server's field errors next to their fields, a toast for
 * success and for anything not shown inline.
 *
 *   const form = useApiForm<Plan>({ url: "/api/provider/plans", idempotent: true, success: "Plan created" });
 *   <form onSubmit={(e) => { e.preventDefault(); void form.submit(values); }}>
 *     <Field label="Name" htmlFor="plan-name" error={form.errors.name}><Input … /></Field>
 *
 * Row buttons share one form and name their own endpoint: `form.submit(body, { url, success, key })`.
 */
export function useApiForm<Result = unknown>(options: ApiFormOptions<Result> = {}): ApiForm<Result> {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [pendingKey, setPendingKey] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | undefined>();
  const optionsRef = useRef(options);
  optionsRef.current = options;
  // Kept only while the last attempt never reached the server.
  const retryKey = useRef<RetryKey | null>(null);

  const submit = useCallback(
    (body?: unknown, call: ApiCall<Result> = {}) =>
      submitApiForm(
        optionsRef.current,
        body,
        call,
        {
          setPendingKey,
          setErrors,
          setError,
          toast,
          refresh: () => startTransition(() => router.refresh()),
        },
        retryKey,
      ),
    [router],
  );

  const reset = useCallback(() => {
    setErrors({});
    setError(undefined);
    retryKey.current = null;
  }, []);

  return { submit, pending: pendingKey !== null, pendingKey, errors, setErrors, error, reset };
}
