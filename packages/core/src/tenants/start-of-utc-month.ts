/** Midnight UTC on the first day of the month `now` falls in: where "this month" counts start. */
export function startOfUtcMonth(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}
