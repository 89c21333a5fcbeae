import { CheckCircle2 } from "lucide-react";
import { StatusBadge } from "../badge";
import { Button } from "../button";
import { Card } from "../card";
import { formatDateTime } from "../format";
import type { ChecklistData } from "./checklist-types";

type Onboarding = NonNullable<ChecklistData["onboarding"]>;

/** Readiness, status, time-to-live and (for staff) "Complete onboarding". */
export function ProgressCard({
  onboarding,
  canCompleteOnboarding,
  pending,
  onCompleteOnboarding,
}: {
  onboarding: Onboarding;
  canCompleteOnboarding: boolean;
  pending: boolean;
  onCompleteOnboarding: () => void;
}) {
  const steps = onboarding.sections.flatMap((section) => section.steps);
  const completedSteps = steps.filter((step) => step.state.status === "completed").length;
  const open = onboarding.openRequiredSteps;
  return (
    <Card title="Progress" description="Readiness is the weighted share of required steps completed.">
      <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
        <div className="min-w-0 flex-1 basis-64">
          <div className="mb-1 flex justify-between gap-2 text-xs text-slate-600">
            <span>
              {completedSteps} of {steps.length} steps complete
            </span>
            <span data-testid="readiness-score">Readiness {onboarding.readinessScore}%</span>
          </div>
          <div
            role="progressbar"
            aria-label="Readiness"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={onboarding.readinessScore}
            className="h-2.5 overflow-hidden rounded-full bg-slate-100"
          >
            <div className="h-full rounded-full bg-brand-600" style={{ width: `${onboarding.readinessScore}%` }} />
          </div>
        </div>
        <StatusBadge status={onboarding.status} />
        {onboarding.timeToLive ? (
          <span className="text-sm text-slate-700" data-testid="time-to-live">
            Live {formatDateTime(onboarding.goLiveAt)} · time to live {onboarding.timeToLive.days} d{" "}
            {onboarding.timeToLive.hours} h
          </span>
        ) : null}
        {canCompleteOnboarding && onboarding.status !== "completed" ? (
          <Button
            onClick={onCompleteOnboarding}
            pending={pending}
            disabled={open.length > 0}
            title={open.length > 0 ? `Open required steps: ${open.map((step) => step.title).join(", ")}` : undefined}
          >
            <CheckCircle2 aria-hidden className="size-4" /> Complete onboarding
          </Button>
        ) : null}
      </div>
      {open.length > 0 && onboarding.status !== "completed" ? (
        <p className="mt-3 text-xs text-slate-600">Still open: {open.map((step) => step.title).join(", ")}</p>
      ) : null}
    </Card>
  );
}
