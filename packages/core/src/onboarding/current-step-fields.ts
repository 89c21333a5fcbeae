import { buildTemplateSections, type FieldDescriptor, type Trade } from "./templates";

const byTrade = new Map<Trade, Map<string, Record<string, FieldDescriptor>>>();

/**
 * A step's fields as the code describes them today. A started checklist keeps its template's steps
 * (which, required, weights), but labels, kinds and hints follow the code, so a better input (the
 * time-zone picker, ZIP parsing) reaches checklists started before it. Steps the code no longer has
 * keep their stored fields.
 */
export function currentStepFields(
  trade: Trade,
  stepKey: string,
  stored: Readonly<Record<string, unknown>>,
): Record<string, FieldDescriptor> {
  let steps = byTrade.get(trade);
  if (!steps) {
    steps = new Map(
      buildTemplateSections(trade)
        .flatMap((section) => section.steps)
        .map((step) => [step.key, step.fields as Record<string, FieldDescriptor>]),
    );
    byTrade.set(trade, steps);
  }
  return steps.get(stepKey) ?? (stored as Record<string, FieldDescriptor>);
}
