import { Select } from "../field";

export type TimeZoneOption = { value: string; label: string };

/**
 * The time-zone picker of tenant Settings and onboarding: the offered zones (from core, passed in),
 * plus the current value when it is elsewhere, so a saved zone is never silently swapped.
 */
export function TimeZoneSelect({
  id,
  value,
  options,
  onChange,
  invalid,
  describedBy,
  disabled,
}: {
  id: string;
  value: string;
  options: readonly TimeZoneOption[];
  onChange: (zone: string) => void;
  invalid?: boolean;
  describedBy?: string;
  disabled?: boolean;
}) {
  const zones =
    value === "" || options.some((zone) => zone.value === value) ? options : [...options, { value, label: value }];
  return (
    <Select
      id={id}
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value)}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
    >
      {value === "" ? <option value="">Choose a time zone…</option> : null}
      {zones.map((zone) => (
        <option key={zone.value} value={zone.value}>
          {zone.label}
        </option>
      ))}
    </Select>
  );
}
