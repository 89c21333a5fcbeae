import { WEEKDAYS, type Weekday } from "./company-profile";

type Hours = Partial<Record<string, { open: string; close: string } | null>>;

const SHORT: Record<Weekday, string> = {
  monday: "Mon",
  tuesday: "Tue",
  wednesday: "Wed",
  thursday: "Thu",
  friday: "Fri",
  saturday: "Sat",
  sunday: "Sun",
};

/** { monday…friday 07:00–18:00, saturday 08:00–12:00 } → "Mon–Fri 07:00–18:00 · Sat 08:00–12:00 · Sun closed". */
export function describeBusinessHours(hours: Hours | null | undefined): string {
  const spans: { from: Weekday; to: Weekday; text: string }[] = [];
  for (const day of WEEKDAYS) {
    const today = hours?.[day] ?? null;
    const text = today ? `${today.open}–${today.close}` : "closed";
    const last = spans.at(-1);
    if (last && last.text === text) last.to = day;
    else spans.push({ from: day, to: day, text });
  }
  return spans
    .map((span) => `${SHORT[span.from]}${span.from === span.to ? "" : `–${SHORT[span.to]}`} ${span.text}`)
    .join(" · ");
}
