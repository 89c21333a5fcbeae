import { db, type Executor } from "@pp/db";
import { FEATURE_KEYS, type FeatureKey, isFeatureKey } from "@pp/db/feature-keys";
import { featureUsage } from "@pp/db/schema";
import { z } from "zod";
import { parseInput } from "../parse-input";

export type FeatureUse = {
  tenantId: string | null;
  userId: string | null;
  app: "portal" | "tenant";
  /** A key of the registry (feature-keys.ts), e.g. `SendReminder`, `ApproveDispute`, `LeadDisputed`. */
  featureKey: FeatureKey;
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

const MAX_METADATA_BYTES = 2_048;

/** What the browser helper posts: a registered browser-side key and a little context. */
export const ZBrowserFeatureUse = z.object({
  featureKey: z.string().superRefine((key, issue) => {
    if (!isFeatureKey(key)) {
      issue.addIssue({ code: "custom", message: `"${key}" is not a registered feature key` });
    } else if (!FEATURE_KEYS[key].browser) {
      issue.addIssue({ code: "custom", message: `"${key}" is recorded by the server when the action happens` });
    }
  }),
  metadata: z
    .record(z.string().max(64), z.unknown())
    .refine((metadata) => JSON.stringify(metadata).length <= MAX_METADATA_BYTES, {
      message: `must be at most ${MAX_METADATA_BYTES} bytes of JSON`,
    })
    .optional(),
});
export type TBrowserFeatureUse = z.input<typeof ZBrowserFeatureUse>;

/**
 * A use only the browser sees (opening the command palette, downloading a CSV), posted by
 * `@pp/ui/record-feature-use`. Only `browser` keys of the registry are accepted (400 otherwise).
 */
export async function recordBrowserFeatureUse(
  options: TBrowserFeatureUse & { tenantId: string | null; userId: string; app: "portal" | "tenant" },
  executor: Executor = db,
): Promise<void> {
  const input = parseInput(ZBrowserFeatureUse, { featureKey: options.featureKey, metadata: options.metadata });
  if (!isFeatureKey(input.featureKey)) return;
  await recordFeatureUse(
    {
      tenantId: options.tenantId,
      userId: options.userId,
      app: options.app,
      featureKey: input.featureKey,
      metadata: input.metadata ?? {},
    },
    executor,
  );
}
