"use client";

import { ApiError, callApi, describeFailure, type FieldErrors } from "@pp/ui/api-client";
import { Button } from "@pp/ui/button";
import { Field, Input } from "@pp/ui/field";
import { toast } from "@pp/ui/toaster";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";

/**
 * New to TradeDesk: name + password (twice). Signing in already: one button, then sign in with the
 * password they have. Either way the next stop is the sign-in page.
 */
export function AcceptInvitationForm({
  token,
  hasPassword,
  minPasswordLength,
}: {
  token: string;
  hasPassword: boolean;
  minPasswordLength: number;
}) {
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
    if (!hasPassword) {
      const name = String(form.get("name") ?? "");
      const password = String(form.get("password") ?? "");
      if (name.trim() === "") {
        setErrors({ name: "is required" });
        return;
      }
      if (password.length < minPasswordLength) {
        setErrors({ password: `must be at least ${minPasswordLength} characters` });
        return;
      }
      if (password !== String(form.get("confirm") ?? "")) {
        setErrors({ confirm: "The two passwords differ" });
        return;
      }
      body = { token, name, password };
    }
    setPending(true);
    try {
      await callApi("/api/team-invitations/accept", { method: "POST", body });
      toast.success(
        hasPassword
          ? "You joined the team — sign in with your usual password"
          : "Your account is ready — sign in with your new password",
      );
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
      {hasPassword ? (
        <p className="text-sm text-slate-700">
          You already have a TradeDesk account with this email. Accept the invitation, then sign in with your usual
          password to open the workspace.
        </p>
      ) : (
        <>
          <Field label="Your name" htmlFor="name" error={fieldMessage("Name", errors.name)}>
            <Input
              id="name"
              name="name"
              autoComplete="name"
              required
              autoFocus
              aria-invalid={errors.name ? true : undefined}
              aria-describedby={errors.name ? "name-error" : undefined}
            />
          </Field>
          <Field
            label="Password"
            htmlFor="password"
            hint={`At least ${minPasswordLength} characters`}
            error={fieldMessage("Password", errors.password)}
          >
            <Input
              id="password"
              name="password"
              type="password"
              autoComplete="new-password"
              minLength={minPasswordLength}
              required
              aria-invalid={errors.password ? true : undefined}
              aria-describedby={errors.password ? "password-error" : "password-hint"}
            />
          </Field>
          <Field label="Repeat the password" htmlFor="confirm" error={errors.confirm}>
            <Input
              id="confirm"
              name="confirm"
              type="password"
              autoComplete="new-password"
              required
              aria-invalid={errors.confirm ? true : undefined}
              aria-describedby={errors.confirm ? "confirm-error" : undefined}
            />
          </Field>
        </>
      )}
      <Button type="submit" variant="primary" pending={pending}>
        {hasPassword ? "Accept and sign in" : "Join the team"}
      </Button>
    </form>
  );
}

/** The server's per-field messages read "must be…"; lead them with the field's name. */
function fieldMessage(label: string, message: string | undefined): string | undefined {
  return message ? `${label} ${message}` : undefined;
}
