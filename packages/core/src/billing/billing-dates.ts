export { addDays, addMonths } from "@pp/db/dates";

/** "Mar 3, 2025" in UTC: the form dates take in messages and emails. */
export function formatUtcDate(date: Date): string {
  return date.toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
}

/** "14:05" in UTC. */
export function formatUtcTime(date: Date): string {
  return date.toISOString().slice(11, 16);
}

/** "$40.00": money in messages and emails (amounts are integer cents). */
export function formatCents(cents: number, currency = "USD"): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(cents / 100);
}
