import { Textarea } from "../field";

/** "78701, 78702\n78703" → ["78701", "78702", "78703"]; the server checks each one (ZIP+4 is fine). */
export function splitZipCodes(text: string): string[] {
  return text.split(/[\s,;]+/).filter((zip) => zip !== "");
}

export const ZIP_CODES_HINT = "5-digit ZIP codes (ZIP+4 is fine), separated by commas, spaces or new lines.";

/** The service-area ZIP codes box of tenant Settings and onboarding: typed as people type lists. */
export function ZipCodesInput({
  id,
  value,
  onChange,
  invalid,
  describedBy,
  disabled,
  rows = 3,
}: {
  id: string;
  value: string;
  onChange: (text: string) => void;
  invalid?: boolean;
  describedBy?: string;
  disabled?: boolean;
  rows?: number;
}) {
  return (
    <Textarea
      id={id}
      rows={rows}
      value={value}
      disabled={disabled}
      inputMode="numeric"
      placeholder="78701, 78702, 78703"
      onChange={(event) => onChange(event.target.value)}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
    />
  );
}
