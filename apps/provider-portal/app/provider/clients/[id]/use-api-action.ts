"use client";

import { callApi, describeFailure } from "@pp/ui/api-client";
import { toast } from "@pp/ui/toaster";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

type Call = { url: string; method: "POST" | "PUT" | "PATCH" | "DELETE"; body?: unknown; idempotencyKey?: string };

/**
 * One API call from a button or form: pending state, the server's message as a toast on failure
 * (with field errors for the form), a success toast and a refresh of the server components.
 */
export function useApiAction() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  async function run<T>(call: Call, success: string | ((result: T) => string)): Promise<T | undefined> {
    setPending(true);
    setFieldErrors({});
    try {
      const result = await callApi<T>(call.url, call);
      toast.success(typeof success === "function" ? success(result) : success);
      startTransition(() => router.refresh());
      return result;
    } catch (error) {
      const errors = (error as { fieldErrors?: Record<string, string> }).fieldErrors;
      if (errors) setFieldErrors(errors);
      toast.error(describeFailure(error));
      return undefined;
    } finally {
      setPending(false);
    }
  }
  return { run, pending, fieldErrors };
}
