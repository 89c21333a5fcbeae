"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import type { FieldErrors } from "./api-client";
import { useApiForm } from "./api-form";
import { Button } from "./button";
import { Field, Input } from "./field";

export type AcceptInvitationFormProps = {
  /** The accept endpoint (`POST { token, name?, password? }`). */
  url: string;
  token: string;
  minPasswordLength: number;
  /** The name the inviter typed, pre-filled (focus then starts on the password). */
  defaultName?: string;
  /**
   * The invitee already signs in with a password: no fields, one button, and this note saying so.
   * Absent for a new account (name + password twice).
   */
  existingAccount?: { note: string; submitLabel: string; success: string };
  submitLabel: string;
  success: string;
};

/** Accept an invitation: name + password (twice), or one button for an existing account; then sign in. */
export function AcceptInvitationForm({
  url,
  token,
  minPasswordLength,
  defaultName,
  existingAccount,
  submitLabel,
  success,
}: AcceptInvitationFormProps) {
  const router = useRouter();
  const form = useApiForm({
    url,
    inlineError: true,
    keepPending: true,
    success: existingAccount?.success ?? success,
    onSuccess: () => router.push("/sign-in"),
  });
  const errors = form.errors;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    form.reset();
    if (existingAccount) return void form.submit({ token });
    const values = new FormData(event.currentTarget);
    const name = String(values.get("name") ?? "");
    const password = String(values.get("password") ?? "");
    const problem: FieldErrors | null =
      name.trim() === ""
        ? { name: "is required" }
        : password.length < minPasswordLength
          ? { password: `must be at least ${minPasswordLength} characters` }
          : password !== String(values.get("confirm") ?? "")
            ? { confirm: "The two passwords differ" }
            : null;
    if (problem) form.setErrors(problem);
    else void form.submit({ token, name, password });
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      {form.error ? (
        <p role="alert" className="rounded-md bg-danger-50 px-3 py-2 text-sm text-danger-700">
          {form.error}
        </p>
      ) : null}
      {existingAccount ? (
        <p className="text-sm text-slate-700">{existingAccount.note}</p>
      ) : (
        <>
          <Field label="Your name" htmlFor="name" error={fieldMessage("Name", errors.name)}>
            <Input name="name" autoComplete="name" defaultValue={defaultName} required autoFocus={!defaultName} />
          </Field>
          <Field
            label="Password"
            htmlFor="password"
            hint={`At least ${minPasswordLength} characters`}
            error={fieldMessage("Password", errors.password)}
          >
            <Input
              name="password"
              type="password"
              autoComplete="new-password"
              minLength={minPasswordLength}
              required
              autoFocus={Boolean(defaultName)}
            />
          </Field>
          <Field label="Repeat the password" htmlFor="confirm" error={errors.confirm}>
            <Input name="confirm" type="password" autoComplete="new-password" required />
          </Field>
        </>
      )}
      <Button type="submit" variant="primary" pending={form.pending}>
        {existingAccount?.submitLabel ?? submitLabel}
      </Button>
    </form>
  );
}

/** The server's per-field messages read "must be…"; lead them with the field's name. */
function fieldMessage(label: string, message: string | undefined): string | undefined {
  return message ? `${label} ${message}` : undefined;
}
