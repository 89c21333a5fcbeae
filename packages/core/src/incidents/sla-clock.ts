import { addBusinessMillis, type BusinessCalendar, businessMillisBetween, type Pause } from "./business-time";

/** A clock is "about to breach" once this share of its target is used (≤ 20 % left). */
export const SLA_WARNING_SHARE = 0.8;

export const SLA_STATES = ["on_track", "about_to_breach", "breached"] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** running: counting now; paused: waiting on the customer; stopped: met (or missed) and done. */
export type SlaPhase = "running" | "paused" | "stopped";

export type SlaPolicyTargets = { ackMinutes: number; resolveMinutes: number; calendar: BusinessCalendar };

/** What the clocks read from an incident's history: when it opened and its events, oldest first. */
export type SlaEvent = { kind: string; at: Date };

export type SlaClock = {
  targetMs: number;
  elapsedMs: number;
  remainingMs: number;
  state: SlaState;
  phase: SlaPhase;
  /** When the target is (or was) reached if the clock keeps running from now without pauses. */
  dueAt: Date;
  /** When 80 % of the target is (or was) used, on the same assumption. */
  warnAt: Date;
  /** When the clock stopped (acknowledged / resolved) or paused; null while running. */
  stoppedAt: Date | null;
};

export type SlaClocks = { acknowledge: SlaClock; resolve: SlaClock };

/** Event kinds that pause the resolve clock, and those that let it run again. */
const PAUSING = new Set(["waiting_on_customer", "resolved"]);
const RESUMING = new Set(["resumed", "customer_replied", "reopened"]);

function stateOf(elapsedMs: number, targetMs: number): SlaState {
  if (elapsedMs > targetMs) return "breached";
  if (elapsedMs >= SLA_WARNING_SHARE * targetMs) return "about_to_breach";
  return "on_track";
}

/**
 * The acknowledge and resolve clocks of an incident from its event history. The acknowledge
 * clock runs from opening to the first acknowledgement; the resolve clock from opening to the
 * latest resolution, not counting time waiting on the customer or resolved-before-reopened.
 */
export function computeSlaClocks(options: {
  openedAt: Date;
  events: readonly SlaEvent[];
  policy: SlaPolicyTargets;
  now: Date;
}): SlaClocks {
  const { openedAt, policy, now } = options;
  const events = [...options.events].sort((a, b) => a.at.getTime() - b.at.getTime());
  const calendar = policy.calendar;

  const ackTarget = policy.ackMinutes * 60_000;
  const ackedAt = events.find((event) => event.kind === "acknowledged" || event.kind === "resolved")?.at ?? null;
  const ackEnd = ackedAt ?? now;
  const ackElapsed = businessMillisBetween({ calendar, from: openedAt, to: ackEnd });
  const acknowledge: SlaClock = {
    targetMs: ackTarget,
    elapsedMs: ackElapsed,
    remainingMs: ackTarget - ackElapsed,
    state: stateOf(ackElapsed, ackTarget),
    phase: ackedAt ? "stopped" : "running",
    dueAt: addBusinessMillis({ calendar, from: openedAt, millis: ackTarget }),
    warnAt: addBusinessMillis({ calendar, from: openedAt, millis: SLA_WARNING_SHARE * ackTarget }),
    stoppedAt: ackedAt,
  };

  const pauses: Pause[] = [];
  let open: Pause | null = null;
  let resolvedAt: Date | null = null;
  let pausedKind: string | null = null;
  for (const event of events) {
    if (PAUSING.has(event.kind) && !open) {
      open = { start: event.at, end: null };
      pausedKind = event.kind;
    } else if (PAUSING.has(event.kind) && open && event.kind === "resolved") {
      pausedKind = "resolved";
    } else if (RESUMING.has(event.kind) && open) {
      open.end = event.at;
      pauses.push(open);
      open = null;
      pausedKind = null;
    }
    if (event.kind === "resolved") resolvedAt = event.at;
    if (event.kind === "reopened") resolvedAt = null;
  }
  const resolveTarget = policy.resolveMinutes * 60_000;
  const allPauses = open ? [...pauses, open] : pauses;
  const resolveEnd = open ? open.start : now;
  const resolveElapsed = businessMillisBetween({ calendar, from: openedAt, to: resolveEnd, pauses });
  const stoppedAt = open ? open.start : null;
  const resolve: SlaClock = {
    targetMs: resolveTarget,
    elapsedMs: resolveElapsed,
    remainingMs: resolveTarget - resolveElapsed,
    state: stateOf(resolveElapsed, resolveTarget),
    phase: !open ? "running" : pausedKind === "resolved" && resolvedAt ? "stopped" : "paused",
    dueAt: addBusinessMillis({ calendar, from: openedAt, millis: resolveTarget, pauses: allPauses }),
    warnAt: addBusinessMillis({
      calendar,
      from: openedAt,
      millis: SLA_WARNING_SHARE * resolveTarget,
      pauses: allPauses,
    }),
    stoppedAt,
  };
  return { acknowledge, resolve };
}

/** The clock that matters now: acknowledge until acknowledged, then resolve. */
export function currentClock(clocks: SlaClocks): { name: "acknowledge" | "resolve"; clock: SlaClock } {
  return clocks.acknowledge.phase === "running"
    ? { name: "acknowledge", clock: clocks.acknowledge }
    : { name: "resolve", clock: clocks.resolve };
}
