import { guardedFetch } from "../net/guarded-fetch";

const TIMEOUT_MS = 5000;

/**
 * Fetches an ICS/CalDAV feed (5 s timeout) and says whether it answers with iCalendar data. The URL
 * is a tenant's: it goes through the outbound guard (no private, loopback or link-local targets,
 * on any redirect hop), and every way of not getting an answer reads the same.
 */
export async function checkCalendarFeed(url: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  const target = url.replace(/^webcal:/i, "https:");
  try {
    const response = await guardedFetch(target, {
      method: "GET",
      headers: { accept: "text/calendar, */*" },
      redirect: "follow",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) {
      await response.body?.cancel();
      return { ok: false, reason: `the feed answered HTTP ${response.status}` };
    }
    const body = (await response.text()).slice(0, 4096).trimStart();
    if (!body.toUpperCase().startsWith("BEGIN:VCALENDAR")) {
      return { ok: false, reason: "the URL did not return iCalendar data (BEGIN:VCALENDAR)" };
    }
    return { ok: true };
  } catch {
    return { ok: false, reason: "the feed could not be reached" };
  }
}
