import { db, type Executor } from "@pp/db";
import { onboardingTemplates } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { buildTemplateSections, ONBOARDING_TEMPLATE_VERSION, ONBOARDING_TRADES, type Trade } from "./templates";

export type OnboardingTemplateRow = typeof onboardingTemplates.$inferSelect;

/**
 * Writes each trade's current template version if it is missing. Versions are immutable, so this is
 * idempotent and safe to call wherever templates are read.
 */
export async function ensureOnboardingTemplates(executor: Executor = db): Promise<OnboardingTemplateRow[]> {
  await executor
    .insert(onboardingTemplates)
    .values(
      ONBOARDING_TRADES.map((trade) => ({
        trade,
        version: ONBOARDING_TEMPLATE_VERSION,
        sections: buildTemplateSections(trade),
      })),
    )
    .onConflictDoNothing({ target: [onboardingTemplates.trade, onboardingTemplates.version] });
  return executor
    .select()
    .from(onboardingTemplates)
    .where(eq(onboardingTemplates.version, ONBOARDING_TEMPLATE_VERSION))
    .orderBy(onboardingTemplates.trade);
}

/** The current template of one trade (written first if needed). */
export async function getCurrentTemplate(trade: Trade, executor: Executor = db): Promise<OnboardingTemplateRow> {
  const [existing] = await executor
    .select()
    .from(onboardingTemplates)
    .where(and(eq(onboardingTemplates.trade, trade), eq(onboardingTemplates.version, ONBOARDING_TEMPLATE_VERSION)));
  if (existing) return existing;
  const rows = await ensureOnboardingTemplates(executor);
  const row = rows.find((template) => template.trade === trade);
  if (!row) throw new Error(`No onboarding template for ${trade}`);
  return row;
}
