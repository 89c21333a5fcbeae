"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { ApiError, callApi, describeFailure, type FieldErrors } from "./api-client";
import { Button } from "./button";
import { Field, Input } from "./field";
import { toast } from "./toaster";

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
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setErrors({});
    setFormError(undefined);
    let body: { token: string; name?: string; password?: string } = { token };
    if (!existingAccount) {
      const name = String(form.get("name") ?? "");
      const password = String(form.get("password") ?? "");
      const problem: FieldErrors | null =
        name.trim() === ""
          ? { name: "is required" }
          : password.length < minPasswordLength
            ? { password: `must be at least ${minPasswordLength} characters` }
            : password !== String(form.get("confirm") ?? "")
              ? { confirm: "The two passwords differ" }
              : null;
      if (problem) {
        setErrors(problem);
        return;
      }
      body = { token, name, password };
    }
    setPending(true);
    try {
      await callApi(url, { method: "POST", body });
      toast.success(existingAccount?.success ?? success);
      router.push("/sign-in");
    } catch (error) {
      setPending(false);
      if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) setErrors(error.fieldErrors);
      else setFormError(describeFailure(error));
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      {formError ? (
        <p role="alert" className="rounded-md bg-danger-50 px-3 py-2 text-sm text-danger-700">
          {formError}
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
      <Button type="submit" variant="primary" pending={pending}>
        {existingAccount?.submitLabel ?? submitLabel}
      </Button>
    </form>
  );
}

/** The server's per-field messages read "must be…"; lead them with the field's name. */
function fieldMessage(label: string, message: string | undefined): string | undefined {
  return message ? `${label} ${message}` : undefined;
}
