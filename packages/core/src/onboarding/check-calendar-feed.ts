/** Fetches an ICS/CalDAV feed (5 s timeout) and says whether it answers with iCalendar data. */
export async function checkCalendarFeed(url: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  const target = url.replace(/^webcal:/i, "https:");
  try {
    const response = await fetch(target, {
      method: "GET",
      headers: { accept: "text/calendar, */*" },
      redirect: "follow",
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) return { ok: false, reason: `the feed answered HTTP ${response.status}` };
    const body = (await response.text()).slice(0, 4096).trimStart();
    if (!body.toUpperCase().startsWith("BEGIN:VCALENDAR")) {
      return { ok: false, reason: "the URL did not return iCalendar data (BEGIN:VCALENDAR)" };
    }
    return { ok: true };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return {
      ok: false,
      reason: timedOut ? "the feed did not answer within 5 seconds" : "the feed could not be reached",
    };
  }
}
