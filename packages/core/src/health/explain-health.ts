import { HEALTH_COMPONENTS, type HealthBreakdown } from "./health-components";

export type HealthChange = { key: string; label: string; from: number; to: number; points: number; sentence: string };

/** A component must move this many of its own points to count as a reason the score changed. */
export const CHANGE_THRESHOLD = 5;

/**
 * "Why it changed": the components that moved between two breakdowns, biggest effect on the
 * total first, each in words ("Payment state fell from 100 to 0 (−25 points): $120.00 overdue…").
 */
export function explainHealthChange(
  previous: Partial<HealthBreakdown>,
  current: Partial<HealthBreakdown>,
): HealthChange[] {
  const changes: HealthChange[] = [];
  for (const component of HEALTH_COMPONENTS) {
    const before = previous[component.key];
    const after = current[component.key];
    if (!before || !after || Math.abs(after.score - before.score) < CHANGE_THRESHOLD) continue;
    const points = Math.round(((after.score - before.score) * component.weight) / 100);
    const verb = after.score > before.score ? "rose" : "fell";
    const signed = points >= 0 ? `+${points}` : `−${Math.abs(points)}`;
    changes.push({
      key: component.key,
      label: component.label,
      from: before.score,
      to: after.score,
      points,
      sentence: `${component.label} ${verb} from ${before.score} to ${after.score} (${signed} points): ${after.detail}`,
    });
  }
  return changes.sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
}

/** The one reason a tile shows: the component costing the most points, in words. */
export function topReason(components: Partial<HealthBreakdown>): string | null {
  let worst: { cost: number; text: string } | null = null;
  for (const component of HEALTH_COMPONENTS) {
    const part = components[component.key];
    if (!part) continue;
    const cost = (100 - part.score) * component.weight;
    if (cost > 0 && (!worst || cost > worst.cost)) worst = { cost, text: `${component.label}: ${part.detail}` };
  }
  return worst?.text ?? null;
}
