"use client";

import { useEffect, useState } from "react";
import { formatDate } from "./format";

/**
 * A date in the reader's own locale and time zone. The server cannot know either, so it renders
 * the UTC date (formatDate) and the browser replaces it once mounted; `title` keeps the instant.
 */
export function LocalDate({ value }: { value: Date | string }) {
  const iso = new Date(value).toISOString();
  const [text, setText] = useState(() => formatDate(iso));
  useEffect(() => setText(formatLocalDay(new Date(iso))), [iso]);
  return (
    <time dateTime={iso} title={iso}>
      {text}
    </time>
  );
}

/** "Dec 10, 2026" / "10 déc. 2026": the browser's locale and time zone (call it in the browser). */
export function formatLocalDay(date: Date): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium" }).format(date);
}

/** "2026-12-10": the reader's calendar day `offsetDays` from today, for `<input type="date">`. */
export function localIsoDay(offsetDays = 0, from: Date = new Date()): string {
  const day = new Date(from.getFullYear(), from.getMonth(), from.getDate() + offsetDays);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/** The instant a local calendar day starts ("2026-12-10" → that midnight where the reader is). */
export function startOfLocalDay(isoDay: string): Date {
  const [year, month, day] = isoDay.split("-").map(Number);
  return new Date(year ?? 1970, (month ?? 1) - 1, day ?? 1);
}
