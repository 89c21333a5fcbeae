"use client";

import { ApiError, callApi, describeFailure } from "@pp/ui/api-client";
import { Button } from "@pp/ui/button";
import { Field, Input } from "@pp/ui/field";
import { toast } from "@pp/ui/toaster";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";

type ConnectionRef = { id: string; name: string; status: "draft" | "enabled" | "disabled"; lastTestPassed: boolean };

/** Enable (only after a passing test), disable, and replace the secret — the secret is write-only. */
export function ConnectionActions({ connection }: { connection: ConnectionRef }) {
  const router = useRouter();
  const [pending, setPending] = useState<"enable" | "disable" | null>(null);
  const [replacing, setReplacing] = useState(false);

  async function setStatus(action: "enable" | "disable") {
    setPending(action);
    try {
      await callApi(`/api/federation/oidc/${connection.id}/${action}`, {
        method: "POST",
        idempotencyKey: crypto.randomUUID(),
      });
      toast.success(
        action === "enable"
          ? `“${connection.name}” is enabled — its users can sign in with SSO`
          : `“${connection.name}” is disabled — its users sign in with a password`,
      );
      router.refresh();
    } catch (error) {
      toast.error(describeFailure(error));
    } finally {
      setPending(null);
    }
  }

  if (replacing) return <ReplaceSecretForm connection={connection} onDone={() => setReplacing(false)} />;
  return (
    <span className="inline-flex flex-wrap items-center justify-end gap-1">
      {connection.status === "enabled" ? (
        <Button
          variant="ghost"
          size="sm"
          pending={pending === "disable"}
          onClick={() => setStatus("disable")}
          aria-label={`Disable ${connection.name}`}
        >
          Disable
        </Button>
      ) : (
        <Button
          variant="secondary"
          size="sm"
          pending={pending === "enable"}
          disabled={!connection.lastTestPassed}
          title={connection.lastTestPassed ? undefined : "Run the test and get a pass first"}
          onClick={() => setStatus("enable")}
          aria-label={`Enable ${connection.name}`}
        >
          Enable
        </Button>
      )}
      <Button
        variant="ghost"
        size="sm"
        onClick={() => setReplacing(true)}
        aria-label={`Replace secret of ${connection.name}`}
      >
        Replace secret
      </Button>
    </span>
  );
}

function ReplaceSecretForm({ connection, onDone }: { connection: ConnectionRef; onDone: () => void }) {
  const router = useRouter();
  const [secret, setSecret] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const id = `replace-secret-${connection.id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      await callApi(`/api/federation/oidc/${connection.id}`, {
        method: "PATCH",
        body: { clientSecret: secret },
        idempotencyKey: crypto.randomUUID(),
      });
      toast.success(`The secret of “${connection.name}” was replaced — run the test again`);
      setSecret("");
      onDone();
      router.refresh();
    } catch (failure) {
      if (failure instanceof ApiError && failure.fieldErrors.clientSecret) setError(failure.fieldErrors.clientSecret);
      else toast.error(describeFailure(failure));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end justify-end gap-2" noValidate>
      <Field label={`New secret for ${connection.name}`} htmlFor={id} error={error} className="w-56 text-left">
        <Input
          id={id}
          type="password"
          autoComplete="new-password"
          value={secret}
          onChange={(event) => setSecret(event.target.value)}
        />
      </Field>
      <Button type="submit" size="sm" pending={pending} disabled={secret === ""}>
        Save secret
      </Button>
      <Button type="button" variant="ghost" size="sm" disabled={pending} onClick={onDone}>
        Cancel
      </Button>
    </form>
  );
}
