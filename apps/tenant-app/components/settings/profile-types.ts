// The company profile as the settings form holds it (plain data: it crosses to the browser).
import { TIME_ZONE_OPTIONS } from "@pp/core/settings/time-zones";

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

/** US time zones first (core's list, shared with onboarding); the tenant's own zone is added when it is elsewhere. */
export const TIME_ZONES = TIME_ZONE_OPTIONS;

export function timeZoneLabel(zone: string): string {
  return TIME_ZONES.find((option) => option.value === zone)?.label ?? zone;
}

export function tradeOptionLabel(trade: string): string {
  return TRADE_OPTIONS.find((option) => option.value === trade)?.label ?? trade;
}
