export { addDays, addMonths, formatUtcDate } from "@pp/db/dates";

/** "14:05" in UTC. */
export function formatUtcTime(date: Date): string {
  return date.toISOString().slice(11, 16);
}

/** "$40.00": money in messages and emails (amounts are integer cents). */
export function formatCents(cents: number, currency = "USD"): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(cents / 100);
}
