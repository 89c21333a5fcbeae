// The company profile as the settings form holds it (plain data: it crosses to the browser).

export const WEEKDAY_LABELS = {
  monday: "Monday",
  tuesday: "Tuesday",
  wednesday: "Wednesday",
  thursday: "Thursday",
  friday: "Friday",
  saturday: "Saturday",
  sunday: "Sunday",
} as const;

export type Weekday = keyof typeof WEEKDAY_LABELS;
export const WEEKDAY_ORDER = Object.keys(WEEKDAY_LABELS) as Weekday[];

export type ProfileFormValues = {
  name: string;
  trade: "plumbing" | "electrical" | "hvac";
  timezone: string;
  serviceAreas: string[];
  businessHours: Record<Weekday, { open: string; close: string } | null>;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  billingEmail: string | null;
};

export const TRADE_OPTIONS = [
  { value: "plumbing", label: "Plumbing" },
  { value: "electrical", label: "Electrical" },
  { value: "hvac", label: "HVAC" },
] as const;

/** US time zones first; the tenant's own zone is added when it is elsewhere. */
export const TIME_ZONES = [
  { value: "America/New_York", label: "Eastern (New York)" },
  { value: "America/Chicago", label: "Central (Chicago)" },
  { value: "America/Denver", label: "Mountain (Denver)" },
  { value: "America/Phoenix", label: "Mountain, no DST (Phoenix)" },
  { value: "America/Los_Angeles", label: "Pacific (Los Angeles)" },
  { value: "America/Anchorage", label: "Alaska (Anchorage)" },
  { value: "Pacific/Honolulu", label: "Hawaii (Honolulu)" },
] as const;

export function timeZoneLabel(zone: string): string {
  return TIME_ZONES.find((option) => option.value === zone)?.label ?? zone;
}

export function tradeOptionLabel(trade: string): string {
  return TRADE_OPTIONS.find((option) => option.value === trade)?.label ?? trade;
}
