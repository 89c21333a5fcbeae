// Display formatting shared by both apps, so money and dates read the same everywhere.

const money = new Map<string, Intl.NumberFormat>();

/** 123456 → "$1,234.56"; whole dollars drop the cents when `compact`. */
export function formatCents(cents: number, currency = "USD", { compact = false } = {}): string {
  const key = `${currency}:${compact}`;
  let format = money.get(key);
  if (!format) {
    format = new Intl.NumberFormat("en-US", {
      style: "currency",
      currency,
      minimumFractionDigits: compact ? 0 : 2,
      maximumFractionDigits: compact ? 0 : 2,
    });
    money.set(key, format);
  }
  // A typographic minus, so a credit line reads like the "−$35.00" of the totals under it.
  return format.format(cents / 100).replace("-", "−");
}

const count = new Intl.NumberFormat("en-US");

export function formatCount(value: number): string {
  return count.format(value);
}

const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const moment = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** "Mar 4, 2026" (UTC, so server and browser render the same text). */
export function formatDate(value: Date | string | null | undefined): string {
  return value ? day.format(new Date(value)) : "—";
}

/** "Mar 4, 2026, 2:05 PM UTC". */
export function formatDateTime(value: Date | string | null | undefined): string {
  return value ? `${moment.format(new Date(value))} UTC` : "—";
}
