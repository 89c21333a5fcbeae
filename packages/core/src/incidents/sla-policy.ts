import type { Executor } from "@pp/db";
import { slaPolicies } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import type { BusinessCalendar } from "./business-time";
import type { SlaPolicyTargets } from "./sla-clock";

export type SlaPolicyRow = typeof slaPolicies.$inferSelect;

/** A policy row's calendar as the business-time function reads it. */
export function calendarOf(policy: SlaPolicyRow): BusinessCalendar {
  if (policy.calendar === "24x7") return { kind: "24x7" };
  return {
    kind: "business_hours",
    timeZone: policy.timeZone,
    days: policy.businessDays,
    startMinute: policy.businessStartMinute,
    endMinute: policy.businessEndMinute,
    holidays: policy.holidays,
  };
}

export function targetsOf(policy: SlaPolicyRow): SlaPolicyTargets {
  return { ackMinutes: policy.ackMinutes, resolveMinutes: policy.resolveMinutes, calendar: calendarOf(policy) };
}

/** The severity's policy; a missing one is a setup fault (reference data seeds all four). */
export async function loadSlaPolicy(severity: SlaPolicyRow["severity"], executor: Executor): Promise<SlaPolicyTargets> {
  const [policy] = await executor.select().from(slaPolicies).where(eq(slaPolicies.severity, severity)).limit(1);
  if (!policy) throw new Error(`no SLA policy for ${severity}`);
  return targetsOf(policy);
}
