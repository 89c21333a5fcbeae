"use client";

import { callApi, describeFailure } from "@pp/ui/api-client";
import { Button } from "@pp/ui/button";
import { Select } from "@pp/ui/field";
import { toast } from "@pp/ui/toaster";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ROLE_OPTIONS, type RoleValue, roleLabel, toRole } from "./roles";

type Member = { id: string; name: string; role: RoleValue; isSelf: boolean };

/** The role of a member as a select; the server refuses to demote the last owner (409, shown as a toast). */
export function MemberRoleSelect({ slug, member }: { slug: string; member: Member }) {
  const router = useRouter();
  const [role, setRole] = useState<RoleValue>(member.role);
  const [pending, setPending] = useState(false);

  async function change(next: RoleValue) {
    const previous = role;
    setRole(next);
    setPending(true);
    try {
      await callApi(`/api/t/${slug}/team/members/${member.id}`, { method: "PATCH", body: { role: next } });
      toast.success(`${member.name} is now ${article(next)} ${roleLabel(next).toLowerCase()}`);
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
      onChange={(event) => change(toRole(event.target.value, role))}
      className="w-36"
    >
      {ROLE_OPTIONS.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </Select>
  );
}

/** Two clicks to remove: "Remove" then "Confirm". Removing yourself leaves the workspace. */
export function RemoveMemberButton({ slug, member }: { slug: string; member: Member }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);

  async function remove() {
    setPending(true);
    try {
      await callApi(`/api/t/${slug}/team/members/${member.id}`, { method: "DELETE" });
      if (member.isSelf) {
        window.location.assign("/");
        return;
      }
      toast.success(`${member.name} was removed from the team`);
      router.refresh();
    } catch (error) {
      toast.error(describeFailure(error));
      setConfirming(false);
    } finally {
      setPending(false);
    }
  }

  if (!confirming) {
    return (
      <Button variant="ghost" size="sm" onClick={() => setConfirming(true)}>
        {member.isSelf ? "Leave" : "Remove"}
      </Button>
    );
  }
  return (
    <span className="inline-flex items-center gap-1">
      <Button variant="danger" size="sm" pending={pending} onClick={remove}>
        {member.isSelf ? "Confirm leave" : "Confirm remove"}
      </Button>
      <Button variant="ghost" size="sm" disabled={pending} onClick={() => setConfirming(false)}>
        Cancel
      </Button>
    </span>
  );
}

function article(role: string): string {
  return /^[aeiou]/i.test(role) ? "an" : "a";
}
