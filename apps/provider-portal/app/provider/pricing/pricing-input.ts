// Pricing forms' input helpers: typed counts to what the API takes.

/** A whole number typed in a form, or NaN (sent as null by JSON, so the server names the field). */
export function wholeOf(value: string): number {
  return value.trim() === "" ? Number.NaN : Number(value);
}
