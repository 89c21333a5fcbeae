"use client";

import { Field, Select } from "@pp/ui/field";

export type Settlement = "credit" | "refund_to_card";

/**
 * "Where the credit goes" when approving a dispute of a lead whose invoice was paid by card: the
 * Action Center's Approve dialog and the lead's page both ask it this way.
 */
export function SettlementField({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: Settlement;
  onChange: (settlement: Settlement) => void;
  error?: string;
}) {
  return (
    <Field
      label="Where the credit goes"
      htmlFor={id}
      error={error}
      hint="The lead's invoice was paid by card: the credit can go back to that card instead."
    >
      <Select
        value={value}
        onChange={(event) => onChange(event.target.value === "refund_to_card" ? "refund_to_card" : "credit")}
      >
        <option value="credit">Credit to the client's account (next invoice)</option>
        <option value="refund_to_card">Refund to the card</option>
      </Select>
    </Field>
  );
}
