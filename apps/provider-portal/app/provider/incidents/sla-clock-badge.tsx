import type { IncidentClock } from "@pp/core/incidents/sla-state";
import { Badge, type BadgeTone } from "@pp/ui/badge";

const STATE_TONES: Record<IncidentClock["state"], BadgeTone> = {
  on_track: "success",
  about_to_breach: "warn",
  breached: "danger",
};
const STATE_LABELS: Record<IncidentClock["state"], string> = {
  on_track: "On track",
  about_to_breach: "About to breach",
  breached: "Breached",
};

/** "2 h 5 min", "45 min", "3 d 4 h". */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** The current SLA clock of an incident: its state and how long is left (or how late it is). */
export function SlaClockBadge({ clock, now }: { clock: IncidentClock; now: Date }) {
  const left = clock.dueAt.getTime() - now.getTime();
  const what = clock.name === "acknowledge" ? "to ack" : "to resolve";
  const detail =
    clock.phase === "stopped"
      ? `${clock.name === "acknowledge" ? "acknowledge" : "resolve"} target`
      : clock.phase === "paused"
        ? "paused — waiting on customer"
        : left >= 0
          ? `${formatDuration(left)} ${what}`
          : `${formatDuration(left)} over ${what}`;
  return (
    <span className="flex flex-col gap-0.5" data-sla-state={clock.state}>
      {clock.phase === "stopped" ? (
        <Badge tone={clock.state === "breached" ? "danger" : "neutral"}>
          {clock.state === "breached" ? "Missed" : "Met"}
        </Badge>
      ) : (
        <Badge tone={STATE_TONES[clock.state]}>{STATE_LABELS[clock.state]}</Badge>
      )}
      <span className="text-xs whitespace-nowrap text-slate-500">{detail}</span>
    </span>
  );
}
