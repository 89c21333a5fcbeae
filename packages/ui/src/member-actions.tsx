"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useApiForm } from "./api-form";
import { Button, type ButtonVariant } from "./button";
import { Dialog, DialogClose } from "./dialog";
import { Select } from "./field";

export type RoleChoice = { value: string; label: string; description?: string };

export type RoleSelectProps = {
  /** `PATCH { role }` here changes it. */
  url: string;
  memberName: string;
  role: string;
  roles: readonly RoleChoice[];
};

/**
 * A person's role as a select that asks before it applies: "Change Dana's role from Viewer to Admin?" with what the role
 * may do. The server's refusals (self-demotion, the last admin or owner) come back as a toast.
 */
export function RoleSelect({ url, memberName, role, roles }: RoleSelectProps) {
  const [current, setCurrent] = useState(role);
  const [proposed, setProposed] = useState<RoleChoice | null>(null);
  const form = useApiForm({
    url,
    method: "PATCH",
    refresh: true,
    onSuccess: () => {
      if (proposed) setCurrent(proposed.value);
      setProposed(null);
    },
    onError: () => setProposed(null),
  });
  const labelOf = (value: string) => roles.find((option) => option.value === value)?.label ?? value;

  function apply() {
    if (proposed)
      void form.submit({ role: proposed.value }, { success: `${memberName}'s role is now ${proposed.label}` });
  }

  return (
    <>
      <Select
        aria-label={`Role of ${memberName}`}
        value={current}
        disabled={form.pending}
        onChange={(event) => setProposed(roles.find((option) => option.value === event.target.value) ?? null)}
        // Wide enough for the longest role name at any column width: a clipped role reads as another one.
        className="w-auto min-w-40 shrink-0"
      >
        {roles.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
      <Dialog
        size="sm"
        open={proposed !== null}
        onOpenChange={(open) => (open ? null : setProposed(null))}
        title={`Change ${memberName}'s role from ${labelOf(current)} to ${proposed?.label ?? ""}?`}
        description={
          proposed?.description
            ? `${proposed.label}: ${proposed.description}. Nothing changes until you confirm; it applies at their next page load.`
            : "Nothing changes until you confirm; it applies at their next page load."
        }
        footer={
          <>
            <DialogClose>
              <Button variant="ghost">Cancel</Button>
            </DialogClose>
            <Button variant="primary" pending={form.pending} onClick={apply}>
              Change role
            </Button>
          </>
        }
      />
    </>
  );
}

export type RowAction = {
  label: string;
  /** Ask first: the first click swaps the buttons for this one and Cancel. */
  confirmLabel?: string;
  variant?: ButtonVariant;
  method: "POST" | "DELETE";
  url: string;
  body?: unknown;
  idempotent?: boolean;
  success: string;
  /** Where to go afterwards when the page no longer applies (leaving a workspace); else the page refreshes. */
  thenGoTo?: string;
};

/** A row's buttons (Resend, Revoke, Deactivate…): one call each, a toast for the result, two clicks where asked. */
export function RowActions({ actions }: { actions: RowAction[] }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState<RowAction | null>(null);
  const form = useApiForm();

  function run(action: RowAction) {
    void form
      .submit(action.body, {
        url: action.url,
        method: action.method,
        idempotent: action.idempotent,
        key: action.label,
        // Leaving the workspace: the next page says where they are; no toast, no refresh.
        success: action.thenGoTo ? undefined : action.success,
        onSuccess: () => (action.thenGoTo ? window.location.assign(action.thenGoTo) : router.refresh()),
      })
      .finally(() => setConfirming(null));
  }

  if (confirming) {
    return (
      <span className="inline-flex items-center gap-1">
        <Button variant="danger" size="sm" pending={form.pending} onClick={() => run(confirming)}>
          {confirming.confirmLabel}
        </Button>
        <Button variant="ghost" size="sm" disabled={form.pending} onClick={() => setConfirming(null)}>
          Cancel
        </Button>
      </span>
    );
  }
  return (
    <span className="inline-flex items-center gap-1">
      {actions.map((action) => (
        <Button
          key={action.label}
          variant={action.variant ?? "ghost"}
          size="sm"
          pending={form.pendingKey === action.label}
          disabled={form.pending}
          onClick={() => (action.confirmLabel ? setConfirming(action) : run(action))}
        >
          {action.label}
        </Button>
      ))}
    </span>
  );
}
