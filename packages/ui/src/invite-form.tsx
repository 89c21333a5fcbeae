"use client";

import { UserPlus } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useApiForm } from "./api-form";
import { Button } from "./button";
import { Field, Input, Select } from "./field";

export type RoleOption = { value: string; label: string };

type Invitation = { email: string; refreshed: boolean };

export type InviteFormProps = {
  /** Where the invitation is created (`POST { email, role, name? }`, idempotent). */
  url: string;
  roles: readonly RoleOption[];
  defaultRole: string;
  /** Ask for the invitee's name too (staff invitations carry it). */
  withName?: boolean;
};

/** Invite by email with a role; the server validates, renews a repeat invitation and queues the email. */
export function InviteForm({ url, roles, defaultRole, withName = false }: InviteFormProps) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState(defaultRole);
  const form = useApiForm<Invitation>({
    url,
    idempotent: true,
    conflictField: "email",
    success: (invitation) =>
      invitation.refreshed ? `Invitation to ${invitation.email} sent again` : `Invitation sent to ${invitation.email}`,
    onSuccess: () => {
      setEmail("");
      setName("");
      router.refresh();
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    void form.submit(withName ? { email, name, role } : { email, role });
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-start gap-3" noValidate>
      <Field label="Email" htmlFor="invite-email" error={form.errors.email} className="min-w-64 flex-1">
        <Input
          type="email"
          autoComplete="off"
          placeholder="name@company.com"
          value={email}
          required
          onChange={(event) => setEmail(event.target.value)}
        />
      </Field>
      {withName ? (
        <Field label="Name" htmlFor="invite-name" error={form.errors.name} className="min-w-48 flex-1">
          <Input
            autoComplete="off"
            placeholder="Full name"
            value={name}
            required
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
      ) : null}
      <Field label="Role" htmlFor="invite-role" error={form.errors.role} className="w-52">
        <Select value={role} onChange={(event) => setRole(event.target.value)}>
          {roles.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      </Field>
      <div className="flex flex-col gap-1.5">
        <span aria-hidden className="text-xs">
          &nbsp;
        </span>
        <Button type="submit" pending={form.pending} disabled={email.trim() === "" || (withName && name.trim() === "")}>
          {form.pending ? null : <UserPlus aria-hidden className="size-4" />}
          Send invitation
        </Button>
      </div>
    </form>
  );
}
