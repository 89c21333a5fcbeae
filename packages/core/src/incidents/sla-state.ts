import { type SQL, sql } from "drizzle-orm";
import { SLA_WARNING_SHARE, type SlaState } from "./sla-clock";

/** The SLA columns an incident row keeps (change-incident.ts refreshes them from the history). */
export type SlaColumns = {
  status: string;
  openedAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  ackDueAt: Date;
  resolveDueAt: Date;
  ackWarnAt: Date | null;
  resolveWarnAt: Date | null;
  resolvePausedAt: Date | null;
};

export type IncidentClock = {
  /** The clock that matters: acknowledge until acknowledged, then resolve. */
  name: "acknowledge" | "resolve";
  state: SlaState;
  phase: "running" | "paused" | "stopped";
  dueAt: Date;
};

function linearWarn(openedAt: Date, dueAt: Date): Date {
  return new Date(openedAt.getTime() + SLA_WARNING_SHARE * (dueAt.getTime() - openedAt.getTime()));
}

/** The current clock of a row at `now`, from its kept columns (the same rule as `slaClockSql`). */
export function clockOfRow(row: SlaColumns, now: Date): IncidentClock {
  if (!row.acknowledgedAt) {
    const warnAt = row.ackWarnAt ?? linearWarn(row.openedAt, row.ackDueAt);
    const ref = now.getTime();
    return { name: "acknowledge", phase: "running", dueAt: row.ackDueAt, state: stateAt(ref, warnAt, row.ackDueAt) };
  }
  const warnAt = row.resolveWarnAt ?? linearWarn(row.openedAt, row.resolveDueAt);
  const stopped = row.status === "resolved" ? row.resolvedAt : null;
  const ref = (stopped ?? row.resolvePausedAt ?? now).getTime();
  return {
    name: "resolve",
    phase: stopped ? "stopped" : row.resolvePausedAt ? "paused" : "running",
    dueAt: row.resolveDueAt,
    state: stateAt(ref, warnAt, row.resolveDueAt),
  };
}

function stateAt(ref: number, warnAt: Date, dueAt: Date): SlaState {
  if (ref > dueAt.getTime()) return "breached";
  if (ref >= warnAt.getTime()) return "about_to_breach";
  return "on_track";
}

/**
 * SQL for the current clock of the incidents row aliased `alias` at `now`: columns clock,
 * target_at and sla_state. A paused resolve clock is judged at the moment it paused.
 */
export function slaClockSql(at: Date | SQL, alias = "inc"): { clock: SQL; targetAt: SQL; state: SQL } {
  const inc = sql.raw(`"${alias}"`);
  const now = at instanceof Date ? sql`${at.toISOString()}::timestamptz` : at;
  const share = sql.raw(String(SLA_WARNING_SHARE));
  const clock = sql`case when ${inc}.acknowledged_at is null then 'acknowledge' else 'resolve' end`;
  const targetAt = sql`case when ${inc}.acknowledged_at is null then ${inc}.ack_due_at else ${inc}.resolve_due_at end`;
  const ref = sql`case when ${inc}.acknowledged_at is null then ${now}
    when ${inc}.status = 'resolved' then ${inc}.resolved_at
    else coalesce(${inc}.resolve_paused_at, ${now}) end`;
  const warnAt = sql`case when ${inc}.acknowledged_at is null
      then coalesce(${inc}.ack_warn_at, ${inc}.opened_at + ${share} * (${inc}.ack_due_at - ${inc}.opened_at))
      else coalesce(${inc}.resolve_warn_at, ${inc}.opened_at + ${share} * (${inc}.resolve_due_at - ${inc}.opened_at)) end`;
  const state = sql`case when ${ref} > ${targetAt} then 'breached'
    when ${ref} >= ${warnAt} then 'about_to_breach' else 'on_track' end`;
  return { clock, targetAt, state };
}
