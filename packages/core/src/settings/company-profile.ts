import { TRADES, type tenants } from "@pp/db/schema";
import { z } from "zod";
import { canonicalTimeZone, parseTimeZone } from "./time-zones";
import { ZZipCodes } from "./zip-codes";

export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const ZOpeningHours = z
  .object({
    open: z.string().regex(TIME, "use 24-hour HH:MM"),
    close: z.string().regex(TIME, "use 24-hour HH:MM"),
  })
  .refine((hours) => hours.open < hours.close, { path: ["close"], message: "must be after the opening time" });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => (value ? value : null));

const optionalEmail = z
  .string()
  .trim()
  .toLowerCase()
  .nullish()
  .transform((value) => (value ? value : null))
  .pipe(z.email("must be an email address like name@company.com").max(254).nullable());

/** "(512) 555-0142", "+1 512 555 0142", "512.555.0142 ext. 2", "512-555-0142 x12". */
const PHONE = /^\+?[\d\s().-]{7,}(?:\s*(?:,|;)?\s*(?:ext\.?|extension|x|#)\s*\d{1,6})?$/i;

/** The company profile an owner edits in Settings (and the onboarding "Company Profile" step). */
export const ZCompanyProfile = z.object({
  name: z.string().trim().min(2, "must be at least 2 characters").max(120),
  trade: z.enum(TRADES, "must be plumbing, electrical or hvac"),
  timezone: z
    .string()
    .trim()
    .max(100)
    .transform(parseTimeZone)
    .refine(
      (zone) => canonicalTimeZone(zone) !== null,
      "must be a time zone like Central (Chicago), Mountain Time (Arizona) or America/Chicago",
    ),
  serviceAreas: ZZipCodes,
  businessHours: z.object(
    Object.fromEntries(WEEKDAYS.map((day) => [day, ZOpeningHours.nullable()])) as Record<
      Weekday,
      z.ZodNullable<typeof ZOpeningHours>
    >,
  ),
  contactName: z.string().trim().min(1, "is required").max(120),
  contactEmail: z
    .string()
    .trim()
    .min(1, "is required")
    .toLowerCase()
    .pipe(z.email("must be an email address like name@company.com").max(254)),
  contactPhone: optionalText(40).refine(
    (value) => value === null || PHONE.test(value),
    "must be a phone number like (555) 123-4567 or (555) 123-4567 ext. 2",
  ),
  /** Where invoices go; the contact email when empty. */
  billingEmail: optionalEmail,
});

export type TCompanyProfileInput = z.input<typeof ZCompanyProfile>;
export type TCompanyProfile = z.output<typeof ZCompanyProfile>;

export type OpeningHours = z.output<typeof ZOpeningHours>;

type TenantRow = typeof tenants.$inferSelect;

/** The profile as stored, with defaults filled in for tenants that never saved one. */
export type CompanyProfile = {
  name: string;
  slug: string;
  trade: TenantRow["trade"];
  timezone: string;
  serviceAreas: string[];
  businessHours: Record<Weekday, OpeningHours | null>;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  billingEmail: string | null;
  updatedAt: Date;
};

/** Stored hours may use short keys ("mon") or be missing; weekdays without hours read as closed. */
export function normalizeBusinessHours(stored: TenantRow["businessHours"]): Record<Weekday, OpeningHours | null> {
  const hours = {} as Record<Weekday, OpeningHours | null>;
  for (const day of WEEKDAYS) {
    const value = stored?.[day] ?? stored?.[day.slice(0, 3)] ?? null;
    hours[day] = value && TIME.test(value.open) && TIME.test(value.close) ? value : null;
  }
  return hours;
}

export function toCompanyProfile(tenant: TenantRow): CompanyProfile {
  return {
    name: tenant.name,
    slug: tenant.slug,
    trade: tenant.trade,
    timezone: tenant.timezone,
    serviceAreas: tenant.serviceAreas.flatMap((area) => (area.zip ? [area.zip] : [])),
    businessHours: normalizeBusinessHours(tenant.businessHours),
    contactName: tenant.contactName,
    contactEmail: tenant.contactEmail,
    contactPhone: tenant.contactPhone,
    billingEmail: tenant.billingEmail,
    updatedAt: tenant.updatedAt,
  };
}
