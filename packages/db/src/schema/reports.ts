import { sql } from "drizzle-orm";
import { check, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { at, createdAt, id, oneOf, updatedAt } from "./columns";
import { emailOutbox } from "./ops";

export const DIGEST_CADENCES = ["weekly", "monthly"] as const;

/**
 * A staff member's scheduled digest: weekly on a weekday or monthly on a day of the month, at a
 * local hour in their IANA time zone. One per user; unsubscribing deletes it.
 */
export const reportSubscriptions = pgTable(
  "report_subscriptions",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    cadence: text("cadence", { enum: DIGEST_CADENCES }).notNull(),
    /** Weekly: 0 = Sunday … 6 = Saturday. */
    weekday: integer("weekday"),
    /** Monthly: 1–31; a shorter month sends on its last day. */
    dayOfMonth: integer("day_of_month"),
    sendHour: integer("send_hour").notNull(),
    timeZone: text("time_zone").notNull(),
    /** No digest is sent for a send time before this (the schedule was set or changed after it). */
    scheduledFrom: at("scheduled_from").notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("report_subscriptions_user_key").on(t.userId),
    check("report_subscriptions_cadence_check", oneOf("cadence", DIGEST_CADENCES)),
    check(
      "report_subscriptions_schedule_check",
      sql`(cadence = 'weekly' and weekday between 0 and 6 and day_of_month is null)
        or (cadence = 'monthly' and day_of_month between 1 and 31 and weekday is null)`,
    ),
    check("report_subscriptions_send_hour_check", sql`send_hour between 0 and 23`),
  ],
);

/**
 * One row per digest sent (or queued): the unique (user, period) key is what makes a period's
 * digest go out once, however many job instances race for it.
 */
export const reportDeliveries = pgTable(
  "report_deliveries",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** `weekly:2026-W50` or `monthly:2026-12` in the subscriber's time zone; `now:<uuid>` for "send me one now". */
    periodKey: text("period_key").notNull(),
    outboxId: uuid("outbox_id").references(() => emailOutbox.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("report_deliveries_user_period_key").on(t.userId, t.periodKey)],
);
