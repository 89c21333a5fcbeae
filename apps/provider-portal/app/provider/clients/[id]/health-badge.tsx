import { HEALTH_BAND_LABELS, type HealthBand } from "@pp/core/health/health-components";
import { Badge, type BadgeTone } from "@pp/ui/badge";
import { ArrowDownRight, ArrowRight, ArrowUpRight } from "lucide-react";

const BAND_TONES: Record<HealthBand, BadgeTone> = { healthy: "success", watch: "warn", at_risk: "danger" };

export function HealthBadge({ band }: { band: HealthBand }) {
  return <Badge tone={BAND_TONES[band]}>{HEALTH_BAND_LABELS[band]}</Badge>;
}

/** ↑ / ↓ / → against the score a week before, with its meaning for screen readers. */
export function TrendArrow({ trend, previous }: { trend: "up" | "down" | "flat" | null; previous: number | null }) {
  if (trend === null || previous === null) return <span className="text-xs font-normal text-slate-400">new</span>;
  const Icon = trend === "up" ? ArrowUpRight : trend === "down" ? ArrowDownRight : ArrowRight;
  const colour = trend === "up" ? "text-success-700" : trend === "down" ? "text-danger-700" : "text-slate-500";
  return (
    <span className={`inline-flex items-center text-xs font-medium ${colour}`} title={`A week ago: ${previous}`}>
      <Icon aria-hidden className="size-4" />
      <span className="sr-only">{trend === "flat" ? "unchanged" : trend} from </span>
      {previous}
    </span>
  );
}
