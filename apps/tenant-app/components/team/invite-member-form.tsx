"use client";

import { ApiError, callApi, describeFailure, type FieldErrors } from "@pp/ui/api-client";
import { Button } from "@pp/ui/button";
import { Field, Input, Select } from "@pp/ui/field";
import { toast } from "@pp/ui/toaster";
import { UserPlus } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { ROLE_OPTIONS, type RoleValue, toRole } from "./roles";

type Invitation = { email: string; refreshed: boolean };

/** Owners invite by email; the server validates, refreshes a repeat invite and queues the email. */
export function InviteMemberForm({ slug }: { slug: string }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<RoleValue>("technician");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setErrors({});
    try {
      const invitation = await callApi<Invitation>(`/api/t/${slug}/team/invitations`, {
        method: "POST",
        body: { email, role },
        idempotencyKey: crypto.randomUUID(),
      });
      toast.success(
        invitation.refreshed
          ? `Invitation to ${invitation.email} sent again`
          : `Invitation sent to ${invitation.email}`,
      );
      setEmail("");
      router.refresh();
    } catch (error) {
      if (error instanceof ApiError && (Object.keys(error.fieldErrors).length > 0 || error.status === 409)) {
        setErrors(error.status === 409 ? { email: error.message } : error.fieldErrors);
      } else {
        toast.error(describeFailure(error));
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-start gap-3" noValidate>
      <Field label="Email" htmlFor="invite-email" error={errors.email} className="min-w-64 flex-1">
        <Input
          id="invite-email"
          type="email"
          autoComplete="off"
          placeholder="name@company.com"
          value={email}
          required
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={errors.email ? "invite-email-error" : undefined}
        />
      </Field>
      <Field label="Role" htmlFor="invite-role" error={errors.role} className="w-44">
        <Select id="invite-role" value={role} onChange={(event) => setRole(toRole(event.target.value, role))}>
          {ROLE_OPTIONS.map((option) => (
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
        <Button type="submit" pending={pending} disabled={email.trim() === ""}>
          {pending ? null : <UserPlus aria-hidden className="size-4" />}
          Send invitation
        </Button>
      </div>
    </form>
  );
}
