// The time zones people pick or type for a business (plain data: the Settings and onboarding forms show it).

/** US zones first; a tenant's own zone elsewhere is added by the picker. */
export const TIME_ZONE_OPTIONS = [
  { value: "America/New_York", label: "Eastern (New York)" },
  { value: "America/Chicago", label: "Central (Chicago)" },
  { value: "America/Denver", label: "Mountain (Denver)" },
  { value: "America/Phoenix", label: "Mountain, no DST (Phoenix)" },
  { value: "America/Los_Angeles", label: "Pacific (Los Angeles)" },
  { value: "America/Anchorage", label: "Alaska (Anchorage)" },
  { value: "Pacific/Honolulu", label: "Hawaii (Honolulu)" },
] as const;

/** What people call US zones, lower-cased, without "time"/"standard"/"daylight" and punctuation. */
const SPOKEN_NAMES: Record<string, string> = {
  eastern: "America/New_York",
  et: "America/New_York",
  est: "America/New_York",
  edt: "America/New_York",
  central: "America/Chicago",
  ct: "America/Chicago",
  cst: "America/Chicago",
  cdt: "America/Chicago",
  mountain: "America/Denver",
  mt: "America/Denver",
  mst: "America/Denver",
  mdt: "America/Denver",
  "mountain arizona": "America/Phoenix",
  "mountain no dst": "America/Phoenix",
  "mountain no dst phoenix": "America/Phoenix",
  arizona: "America/Phoenix",
  "arizona mountain": "America/Phoenix",
  pacific: "America/Los_Angeles",
  pt: "America/Los_Angeles",
  pst: "America/Los_Angeles",
  pdt: "America/Los_Angeles",
  alaska: "America/Anchorage",
  akst: "America/Anchorage",
  hawaii: "Pacific/Honolulu",
  hst: "Pacific/Honolulu",
  "hawaii aleutian": "Pacific/Honolulu",
};

function spoken(text: string): string {
  return text
    .toLowerCase()
    .replace(/[()[\],.-]/g, " ")
    .replace(/\b(time|zone|standard|daylight|us|usa)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The canonical IANA name of a zone the runtime knows ("america/chicago" → "America/Chicago"), else null. */
export function canonicalTimeZone(value: string): string | null {
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+){0,2}$/.test(value)) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/**
 * What someone typed → an IANA zone: "America/Chicago", "Central", "Mountain Time (Arizona)", "PST",
 * or a label of the picker ("Central (Chicago)"). Unrecognised text comes back unchanged for the schema to refuse.
 */
export function parseTimeZone(input: string): string {
  const text = input.trim();
  const iana = canonicalTimeZone(text);
  if (iana) return iana;
  const byLabel = TIME_ZONE_OPTIONS.find((option) => option.label.toLowerCase() === text.toLowerCase());
  if (byLabel) return byLabel.value;
  const key = spoken(text);
  const bySpoken = SPOKEN_NAMES[key];
  if (bySpoken) return bySpoken;
  // "Central (Chicago)"-like text with a city: match the city of a picker option.
  const byCity = TIME_ZONE_OPTIONS.find((option) =>
    key.includes(option.value.split("/")[1]?.replace("_", " ").toLowerCase() ?? "\0"),
  );
  return byCity?.value ?? text;
}

export function timeZoneLabel(zone: string): string {
  return TIME_ZONE_OPTIONS.find((option) => option.value === zone)?.label ?? zone;
}
