"use client";

import { useApiForm } from "@pp/ui/api-form";
import { Select } from "@pp/ui/field";
import { useId } from "react";

/** The assigned CSM, changeable in place by staff who may write success records. */
export function CsmPicker({
  tenantId,
  current,
  staff,
}: {
  tenantId: string;
  current: string | null;
  staff: readonly { userId: string; name: string }[];
}) {
  const id = useId();
  const { submit, pending } = useApiForm({
    url: `/api/provider/tenants/${tenantId}/csm`,
    method: "PUT",
    refresh: true,
  });
  return (
    <>
      <label htmlFor={id} className="sr-only">
        Assigned CSM
      </label>
      <Select
        id={id}
        value={current ?? ""}
        disabled={pending}
        className="h-8 py-0 text-sm"
        onChange={(event) => {
          const csmUserId = event.target.value || null;
          const name = staff.find((member) => member.userId === csmUserId)?.name;
          void submit({ csmUserId }, { success: name ? `${name} is now the CSM` : "CSM unassigned" });
        }}
      >
        <option value="">Unassigned</option>
        {staff.map((member) => (
          <option key={member.userId} value={member.userId}>
            {member.name}
          </option>
        ))}
      </Select>
    </>
  );
}
