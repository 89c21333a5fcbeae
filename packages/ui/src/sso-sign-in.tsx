"use client";

import { type FormEvent, useEffect, useState } from "react";
import { useApiForm } from "./api-form";
import { Button, ButtonLink } from "./button";
import { Field, Input } from "./field";

type BeginAnswer = { redirectUrl: string };

/**
 * "Sign in with SSO": the work email picks the organization's identity provider; the browser goes
 * there and comes back signed in, or to this page with `message` saying what went wrong.
 */
export function SsoSignInForm({ message }: { message?: string | null }) {
  const form = useApiForm<BeginAnswer>({
    url: "/api/sso/begin",
    inlineError: true,
    keepPending: true,
    onSuccess: ({ redirectUrl }) => window.location.assign(redirectUrl),
  });
  // The message the identity provider's round trip came back with, until the next attempt.
  const [submitted, setSubmitted] = useState(false);
  const error = form.error ?? (submitted ? undefined : (message ?? undefined));
  // After the password form below has taken autofocus: SSO is what the user asked for here.
  useEffect(() => document.getElementById("sso-email")?.focus(), []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    void form.submit({ email: String(new FormData(event.currentTarget).get("sso-email") ?? "") });
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" aria-label="Sign in with SSO" noValidate>
      <div>
        <h2 className="text-sm font-semibold text-slate-900">Sign in with SSO</h2>
        <p className="mt-0.5 text-xs text-slate-500">Your work email takes you to your organization's sign-in.</p>
      </div>
      {error ? (
        <p role="alert" className="rounded-md bg-danger-50 px-3 py-2 text-sm text-danger-700">
          {error}
        </p>
      ) : null}
      <Field label="Work email" htmlFor="sso-email" error={form.errors.email}>
        <Input id="sso-email" name="sso-email" type="email" autoComplete="username" required />
      </Field>
      <Button type="submit" variant="primary" pending={form.pending}>
        Continue
      </Button>
    </form>
  );
}

/** A labelled rule between two ways of signing in. */
export function SignInDivider({ label }: { label: string }) {
  return (
    <div className="my-6 flex items-center gap-3 text-xs text-slate-400">
      <span className="h-px flex-1 bg-line" />
      {label}
      <span className="h-px flex-1 bg-line" />
    </div>
  );
}

/** The way into SSO from the password form; a link, so the password form's "Sign in" stays the only such button. */
export function SsoSignInLink({ href }: { href: string }) {
  return (
    <>
      <SignInDivider label="or" />
      <ButtonLink href={href} variant="secondary" className="w-full">
        Sign in with SSO
      </ButtonLink>
    </>
  );
}
