import { DIGEST_CADENCES, type reportSubscriptions } from "@pp/db/schema";
import { z } from "zod";
import { canonicalTimeZone } from "../settings/time-zones";
import type { DigestSchedule } from "./digest-schedule";

/** The subscription form and `PUT /api/provider/reports/subscription`. */
export const ZReportSubscriptionInput = z
  .object({
    cadence: z.enum(DIGEST_CADENCES, "must be weekly or monthly"),
    weekday: z.number("must be a weekday (0 = Sunday … 6 = Saturday)").int().min(0).max(6).nullish(),
    dayOfMonth: z.number("must be a day of the month (1–31)").int().min(1).max(31).nullish(),
    sendHour: z.number("must be an hour (0–23)").int("must be a whole hour").min(0).max(23),
    timeZone: z
      .string("must be an IANA time zone like America/Chicago")
      .max(64)
      .transform((value, ctx) => {
        const zone = canonicalTimeZone(value.trim());
        if (!zone) {
          ctx.addIssue({ code: "custom", message: "must be an IANA time zone like America/Chicago" });
          return z.NEVER;
        }
        return zone;
      }),
  })
  .superRefine((input, ctx) => {
    if (input.cadence === "weekly" && (input.weekday === null || input.weekday === undefined))
      ctx.addIssue({ code: "custom", path: ["weekday"], message: "is required for a weekly digest" });
    if (input.cadence === "monthly" && (input.dayOfMonth === null || input.dayOfMonth === undefined))
      ctx.addIssue({ code: "custom", path: ["dayOfMonth"], message: "is required for a monthly digest" });
  });
export type TReportSubscriptionInput = z.input<typeof ZReportSubscriptionInput>;

export type ReportSubscription = typeof reportSubscriptions.$inferSelect;

export function scheduleOf(subscription: ReportSubscription): DigestSchedule {
  return {
    cadence: subscription.cadence,
    weekday: subscription.weekday,
    dayOfMonth: subscription.dayOfMonth,
    sendHour: subscription.sendHour,
    timeZone: subscription.timeZone,
  };
}
