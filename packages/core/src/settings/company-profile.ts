import { TRADES, type tenants } from "@pp/db/schema";
import { z } from "zod";

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

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The company profile an owner edits in Settings (and the onboarding "Company Profile" step). */
export const ZCompanyProfile = z.object({
  name: z.string().trim().min(2, "must be at least 2 characters").max(120),
  trade: z.enum(TRADES, "must be plumbing, electrical or hvac"),
  timezone: z.string().trim().refine(isTimeZone, "must be an IANA time zone like America/New_York"),
  serviceAreas: z
    .array(
      z
        .string()
        .trim()
        .regex(/^\d{5}$/, "must be a 5-digit ZIP code"),
    )
    .min(1, "add at least one ZIP code")
    .max(500, "at most 500 ZIP codes")
    .transform((zips) => [...new Set(zips)]),
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
    (value) => value === null || /^\+?[\d\s().-]{7,}$/.test(value),
    "must be a phone number like (555) 123-4567",
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
