"use client";

import type { StaffRole } from "@pp/core/auth/permissions";
import { callApi, describeFailure } from "@pp/ui/api-client";
import { Button } from "@pp/ui/button";
import { Select } from "@pp/ui/field";
import { toast } from "@pp/ui/toaster";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { STAFF_ROLE_OPTIONS, staffRoleLabel, toStaffRole } from "./roles";

export type StaffRowMember = {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  status: "active" | "invited" | "deactivated";
};

/** The role as a select; the server refuses self-demotion and the last admin's (409, shown as a toast). */
export function StaffRoleSelect({ member }: { member: StaffRowMember }) {
  const router = useRouter();
  const [role, setRole] = useState<StaffRole>(member.role);
  const [pending, setPending] = useState(false);

  async function change(next: StaffRole) {
    const previous = role;
    setRole(next);
    setPending(true);
    try {
      await callApi(`/api/provider/staff/${member.id}`, { method: "PATCH", body: { role: next } });
      toast.success(`${member.name} is now ${staffRoleLabel(next).toLowerCase()}`);
      router.refresh();
    } catch (error) {
      setRole(previous);
      toast.error(describeFailure(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <Select
      aria-label={`Role of ${member.name}`}
      value={role}
      disabled={pending}
      onChange={(event) => change(toStaffRole(event.target.value, role))}
      className="w-36"
    >
      {STAFF_ROLE_OPTIONS.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </Select>
  );
}

type Action = "deactivate" | "reactivate" | "resend";

const DONE: Record<Action, (name: string) => string> = {
  deactivate: (name) => `${name} was deactivated and signed out`,
  reactivate: (name) => `${name} can sign in again`,
  resend: (name) => `Invitation to ${name} sent again`,
};

/**
 * Deactivate (two clicks: it signs the person out at once), Reactivate, and Resend for invitations
 * not yet accepted. Errors (yourself, the last admin) come back from the server as toasts.
 */
export function StaffRowActions({ member }: { member: StaffRowMember }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState<Action | null>(null);

  async function run(action: Action) {
    setPending(action);
    try {
      if (action === "resend") {
        await callApi("/api/provider/staff/invitations", {
          method: "POST",
          body: { email: member.email, name: member.name, role: member.role },
          idempotencyKey: crypto.randomUUID(),
        });
      } else {
        await callApi(`/api/provider/staff/${member.id}/${action}`, { method: "POST" });
      }
      toast.success(
        action === "deactivate" && member.status === "invited"
          ? `Invitation to ${member.name} revoked`
          : DONE[action](member.name),
      );
      router.refresh();
    } catch (error) {
      toast.error(describeFailure(error));
    } finally {
      setPending(null);
      setConfirming(false);
    }
  }

  if (member.status === "deactivated") {
    return (
      <Button variant="secondary" size="sm" pending={pending === "reactivate"} onClick={() => run("reactivate")}>
        Reactivate
      </Button>
    );
  }
  if (confirming) {
    return (
      <span className="inline-flex items-center gap-1">
        <Button variant="danger" size="sm" pending={pending === "deactivate"} onClick={() => run("deactivate")}>
          Confirm deactivate
        </Button>
        <Button variant="ghost" size="sm" disabled={pending !== null} onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </span>
    );
  }
  return (
    <span className="inline-flex items-center gap-1">
      {member.status === "invited" ? (
        <Button
          variant="ghost"
          size="sm"
          pending={pending === "resend"}
          disabled={pending !== null}
          onClick={() => run("resend")}
        >
          Resend
        </Button>
      ) : null}
      <Button variant="ghost" size="sm" disabled={pending !== null} onClick={() => setConfirming(true)}>
        {member.status === "invited" ? "Revoke" : "Deactivate"}
      </Button>
    </span>
  );
}
