"use client";

import { type FormEvent, type ReactNode, useState } from "react";
import { Button } from "./button";
import { Field, Input } from "./field";

type ApiError = { error?: { message?: string; code?: string } };

async function post(path: string, body: unknown): Promise<{ ok: boolean; status: number; message?: string }> {
  const response = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.ok) return { ok: true, status: response.status };
  const payload = (await response.json().catch(() => ({}))) as ApiError & { message?: string };
  return { ok: false, status: response.status, message: payload.error?.message ?? payload.message };
}

/** The centred card every sign-in and reset screen sits in. */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-canvas px-4">
      <div className="w-full max-w-sm rounded-card border border-line bg-surface p-8 shadow-card">
        <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
        {subtitle ? <p className="mt-1 text-sm text-slate-500">{subtitle}</p> : null}
        <div className="mt-6">{children}</div>
      </div>
    </main>
  );
}

function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md bg-danger-50 px-3 py-2 text-sm text-danger-700">
      {message}
    </p>
  );
}

/** Email + password sign-in against Better Auth; shows the server's message (wrong password, retry time). */
export function SignInForm({ afterSignIn, resetHref }: { afterSignIn: string; resetHref: string }) {
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await post("/api/auth/sign-in/email", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    }).catch(() => ({ ok: false, status: 0, message: "Could not reach the server — check your connection and retry" }));
    if (result.ok) {
      window.location.assign(afterSignIn);
      return;
    }
    setPending(false);
    setError(result.message ?? "Invalid email or password");
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <FormError message={error} />
      <Field label="Email" htmlFor="email">
        <Input id="email" name="email" type="email" autoComplete="username" required autoFocus />
      </Field>
      <Field label="Password" htmlFor="password">
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      <Button type="submit" variant="primary" pending={pending}>
        Sign in
      </Button>
      <a href={resetHref} className="text-center text-sm text-brand-700 hover:underline">
        Forgot your password?
      </a>
    </form>
  );
}

/** Asks for a reset link; the answer is the same whether or not the email has an account. */
export function RequestResetForm({ signInHref }: { signInHref: string }) {
  const [sent, setSent] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "");
    setPending(true);
    const result = await post("/api/auth/request-password-reset", { email, redirectTo: "/reset-password" });
    setPending(false);
    if (result.ok) setSent(true);
    else setError(result.message ?? "Could not send the link — try again");
  }

  if (sent) {
    return (
      <p className="text-sm text-slate-700">
        If an account exists for that email, a reset link is on its way. It works for one hour.{" "}
        <a href={signInHref} className="text-brand-700 hover:underline">
          Back to sign in
        </a>
      </p>
    );
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-4">
      <FormError message={error} />
      <Field label="Email" htmlFor="email">
        <Input id="email" name="email" type="email" autoComplete="username" required autoFocus />
      </Field>
      <Button type="submit" variant="primary" pending={pending}>
        Send reset link
      </Button>
    </form>
  );
}

/** Sets a new password with the token from the emailed link. */
export function ResetPasswordForm({ token, signInHref }: { token: string; signInHref: string }) {
  const [done, setDone] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const newPassword = String(form.get("password") ?? "");
    if (newPassword !== String(form.get("confirm") ?? "")) {
      setError("The two passwords differ");
      return;
    }
    setPending(true);
    const result = await post("/api/auth/reset-password", { newPassword, token });
    setPending(false);
    if (result.ok) setDone(true);
    else setError(result.message ?? "This link has expired — ask for a new one");
  }

  if (done) {
    return (
      <p className="text-sm text-slate-700">
        Your password is changed and other sessions were signed out.{" "}
        <a href={signInHref} className="text-brand-700 hover:underline">
          Sign in
        </a>
      </p>
    );
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-4">
      <FormError message={error} />
      <Field label="New password" htmlFor="password" hint="At least 10 characters">
        <Input id="password" name="password" type="password" autoComplete="new-password" minLength={10} required />
      </Field>
      <Field label="Repeat it" htmlFor="confirm">
        <Input id="confirm" name="confirm" type="password" autoComplete="new-password" minLength={10} required />
      </Field>
      <Button type="submit" variant="primary" pending={pending}>
        Set new password
      </Button>
    </form>
  );
}

/** The whole reset screen: with the emailed token, choose a new password; without, ask for a link. */
export function ResetPasswordScreen({ token, linkFailed }: { token?: string; linkFailed: boolean }) {
  if (token) {
    return (
      <AuthCard title="Choose a new password">
        <ResetPasswordForm token={token} signInHref="/sign-in" />
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Reset your password"
      subtitle={linkFailed ? "That link is invalid or has expired. Ask for a new one." : "We will email you a link."}
    >
      <RequestResetForm signInHref="/sign-in" />
    </AuthCard>
  );
}
