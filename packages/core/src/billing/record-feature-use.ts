import type { Executor } from "@pp/db";
import { featureUsage } from "@pp/db/schema";

export type FeatureUse = {
  tenantId: string | null;
  userId: string | null;
  app: "portal" | "tenant";
  /** The runbook's action name, e.g. `SendReminder`, `ApproveDispute`, `LeadDisputed`. */
  featureKey: string;
  metadata?: Record<string, unknown>;
  at?: Date;
};

/** One feature_usage row for a user action (in the action's transaction, so it counts only if it happened). */
export async function recordFeatureUse(use: FeatureUse, executor: Executor): Promise<void> {
  await executor.insert(featureUsage).values({
    tenantId: use.tenantId,
    userId: use.userId,
    app: use.app,
    featureKey: use.featureKey,
    metadata: use.metadata ?? {},
    ...(use.at ? { at: use.at } : {}),
  });
}
