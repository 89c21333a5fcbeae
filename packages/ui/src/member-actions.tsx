"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, describeFailure } from "./api-client";
import { Button, type ButtonVariant } from "./button";
import { Dialog, DialogClose } from "./dialog";
import { Select } from "./field";
import { toast } from "./toaster";

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
  const router = useRouter();
  const [current, setCurrent] = useState(role);
  const [proposed, setProposed] = useState<RoleChoice | null>(null);
  const [pending, setPending] = useState(false);
  const labelOf = (value: string) => roles.find((option) => option.value === value)?.label ?? value;

  async function apply() {
    if (!proposed) return;
    setPending(true);
    try {
      await callApi(url, { method: "PATCH", body: { role: proposed.value } });
      setCurrent(proposed.value);
      toast.success(`${memberName}'s role is now ${proposed.label}`);
      setProposed(null);
      router.refresh();
    } catch (error) {
      toast.error(describeFailure(error));
      setProposed(null);
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <Select
        aria-label={`Role of ${memberName}`}
        value={current}
        disabled={pending}
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
            <Button variant="primary" pending={pending} onClick={apply}>
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
  const [pending, setPending] = useState<string | null>(null);

  async function run(action: RowAction) {
    setPending(action.label);
    try {
      await callApi(action.url, {
        method: action.method,
        body: action.body,
        idempotencyKey: action.idempotent ? crypto.randomUUID() : undefined,
      });
      if (action.thenGoTo) {
        window.location.assign(action.thenGoTo);
        return;
      }
      toast.success(action.success);
      router.refresh();
    } catch (error) {
      toast.error(describeFailure(error));
    } finally {
      setPending(null);
      setConfirming(null);
    }
  }

  if (confirming) {
    return (
      <span className="inline-flex items-center gap-1">
        <Button variant="danger" size="sm" pending={pending !== null} onClick={() => run(confirming)}>
          {confirming.confirmLabel}
        </Button>
        <Button variant="ghost" size="sm" disabled={pending !== null} onClick={() => setConfirming(null)}>
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
          pending={pending === action.label}
          disabled={pending !== null}
          onClick={() => (action.confirmLabel ? setConfirming(action) : run(action))}
        >
          {action.label}
        </Button>
      ))}
    </span>
  );
}
