"use client";

import { useApiForm } from "@pp/ui/api-form";
import { Button } from "@pp/ui/button";
import { Field, Input } from "@pp/ui/field";
import { type FormEvent, useState } from "react";

type ConnectionRef = { id: string; name: string; status: "draft" | "enabled" | "disabled"; lastTestPassed: boolean };

/** Enable (only after a passing test), disable, and replace the secret — the secret is write-only. */
export function ConnectionActions({ connection }: { connection: ConnectionRef }) {
  const [replacing, setReplacing] = useState(false);
  const form = useApiForm({ idempotent: true, refresh: true });

  function setStatus(action: "enable" | "disable") {
    void form.submit(undefined, {
      url: `/api/federation/oidc/${connection.id}/${action}`,
      key: action,
      success:
        action === "enable"
          ? `“${connection.name}” is enabled — its users can sign in with SSO`
          : `“${connection.name}” is disabled — its users sign in with a password`,
    });
  }

  if (replacing) return <ReplaceSecretForm connection={connection} onDone={() => setReplacing(false)} />;
  return (
    <span className="inline-flex flex-wrap items-center justify-end gap-1">
      {connection.status === "enabled" ? (
        <Button
          variant="ghost"
          size="sm"
          pending={form.pendingKey === "disable"}
          onClick={() => setStatus("disable")}
          aria-label={`Disable ${connection.name}`}
        >
          Disable
        </Button>
      ) : (
        <Button
          variant="secondary"
          size="sm"
          pending={form.pendingKey === "enable"}
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
  const [secret, setSecret] = useState("");
  const form = useApiForm({
    url: `/api/federation/oidc/${connection.id}`,
    method: "PATCH",
    idempotent: true,
    refresh: true,
    success: `The secret of “${connection.name}” was replaced — run the test again`,
    onSuccess: () => {
      setSecret("");
      onDone();
    },
  });
  const id = `replace-secret-${connection.id}`;

  function submit(event: FormEvent) {
    event.preventDefault();
    void form.submit({ clientSecret: secret });
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end justify-end gap-2" noValidate>
      <Field
        label={`New secret for ${connection.name}`}
        htmlFor={id}
        error={form.errors.clientSecret}
        className="w-56 text-left"
      >
        <Input
          id={id}
          type="password"
          autoComplete="new-password"
          value={secret}
          onChange={(event) => setSecret(event.target.value)}
        />
      </Field>
      <Button type="submit" size="sm" pending={form.pending} disabled={secret === ""}>
        Save secret
      </Button>
      <Button type="button" variant="ghost" size="sm" disabled={form.pending} onClick={onDone}>
        Cancel
      </Button>
    </form>
  );
}
