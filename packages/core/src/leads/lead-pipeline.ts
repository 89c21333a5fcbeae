import type { LEAD_STATUSES, PipelineStage } from "@pp/db/schema";

type LeadStatus = (typeof LEAD_STATUSES)[number];

/** The pipeline of a tenant that has not set its own during onboarding. */
export const DEFAULT_PIPELINE: readonly PipelineStage[] = [
  { key: "new", label: "New" },
  { key: "contacted", label: "Contacted" },
  { key: "quoted", label: "Quoted" },
];

/** The tenant's own stages (onboarding's "Pipelines & Workflows"), else the default three. */
export function pipelineOf(stages: readonly PipelineStage[] | null | undefined): readonly PipelineStage[] {
  return stages && stages.length > 0 ? stages : DEFAULT_PIPELINE;
}

/**
 * The status (what the public API reports) a stage stands for: the first stage is `new`, the
 * second `contacted`, any later one `qualified`. Won and lost are outcomes, not stages.
 */
export function statusOfStage(index: number): LeadStatus {
  if (index <= 0) return "new";
  return index === 1 ? "contacted" : "qualified";
}

/**
 * Where a lead sits in the pipeline: its own stage when it still exists there, else the first
 * stage its status stands for (a lead moved through the API has a status but no stage). Won and
 * lost leads sit outside the stages (undefined).
 */
export function stageIndexOf(
  lead: { status: LeadStatus; stage: string | null },
  stages: readonly PipelineStage[],
): number | undefined {
  if (lead.status === "won" || lead.status === "lost") return undefined;
  const own = lead.stage === null ? -1 : stages.findIndex((stage) => stage.key === lead.stage);
  if (own >= 0 && statusOfStage(own) === lead.status) return own;
  const first = stages.findIndex((_, index) => statusOfStage(index) === lead.status);
  return first >= 0 ? first : stages.length - 1;
}

/** The stage a status change through the API lands on (keeps the stage when the status still fits it). */
export function stageForStatus(
  lead: { status: LeadStatus; stage: string | null },
  status: LeadStatus,
  stages: readonly PipelineStage[],
): string | null {
  if (status === "won" || status === "lost") return lead.stage;
  const index = stageIndexOf({ status, stage: lead.stage }, stages);
  return index === undefined ? null : (stages[index]?.key ?? null);
}

/** What a page needs to draw a lead's pipeline and offer its next moves. */
export function pipelineView(
  lead: { status: LeadStatus; stage: string | null; wonValueCents: number | null },
  tenantStages: readonly PipelineStage[] | null | undefined,
) {
  const stages = pipelineOf(tenantStages);
  return {
    stages: stages.map(({ key, label }) => ({ key, label })),
    currentIndex: stageIndexOf(lead, stages) ?? null,
    status: lead.status,
    wonValueCents: lead.wonValueCents,
  };
}
