"use client";

import { useApiForm } from "@pp/ui/api-form";
import { Button } from "@pp/ui/button";
import { Field, Input, Select } from "@pp/ui/field";
import { useId, useRef, useState } from "react";

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Quick create: a task for this client (the same Create Task the Action Center uses). */
export function TaskForm({
  tenantId,
  staff,
  currentUserId,
  autoFocus = false,
}: {
  tenantId: string;
  staff: readonly { userId: string; name: string }[];
  currentUserId: string;
  autoFocus?: boolean;
}) {
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [title, setTitle] = useState("");
  const [dueAt, setDueAt] = useState(inDays(2));
  const [ownerId, setOwnerId] = useState(currentUserId);
  const {
    submit,
    pending,
    errors: fieldErrors,
  } = useApiForm({
    url: `/api/provider/tenants/${tenantId}/tasks`,
    idempotent: true,
    refresh: true,
    fieldErrorsToast: true,
    onSuccess: () => setTitle(""),
  });
  return (
    <form
      ref={form}
      aria-label="Create task"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        void submit({ title, dueAt, ownerId }, { success: `Task created: ${title.trim()}` });
      }}
    >
      <Field label="Task" htmlFor={`${id}-title`} error={fieldErrors.title} className="min-w-64 flex-1">
        <Input
          id={`${id}-title`}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          placeholder="Call about renewal"
          maxLength={200}
          required
          autoFocus={autoFocus}
        />
      </Field>
      <Field label="Due" htmlFor={`${id}-due`} error={fieldErrors.dueAt}>
        <Input id={`${id}-due`} type="date" value={dueAt} onChange={(event) => setDueAt(event.target.value)} />
      </Field>
      <Field label="Owner" htmlFor={`${id}-owner`} error={fieldErrors.ownerId}>
        <Select id={`${id}-owner`} value={ownerId} onChange={(event) => setOwnerId(event.target.value)}>
          {staff.map((member) => (
            <option key={member.userId} value={member.userId}>
              {member.name}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create Task"}
      </Button>
    </form>
  );
}
