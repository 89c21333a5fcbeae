import type { Executor } from "@pp/db";
import type { FeatureKey } from "@pp/db/feature-keys";
import { activities } from "@pp/db/schema";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { MemberActor, StaffActor } from "../auth/actors";
import { recordFeatureUse } from "../usage/record-feature-use";

/**
 * What one action on a client leaves behind, in the action's transaction: its line on the
 * client's timeline, its audit event (about the same row) and the feature use it counts as.
 */
export async function recordClientActivity(
  options: {
    actor: StaffActor | MemberActor;
    tenantId: string;
    at: Date;
    /** The row the action wrote: the timeline links to it and the audit event targets it. */
    related: { type: string; id: string };
    activity: { kind: (typeof activities.$inferInsert)["kind"]; title: string };
    audit: { action: string; after: unknown; context?: AuditContext };
    feature: { app: "portal" | "tenant"; key: FeatureKey };
  },
  tx: Executor,
): Promise<void> {
  const { actor, tenantId, at, related } = options;
  await tx.insert(activities).values({
    tenantId,
    ...options.activity,
    actorId: actor.userId,
    relatedType: related.type,
    relatedId: related.id,
    at,
  });
  await recordAuditEvent({ actor, tenantId, target: related, ...options.audit }, tx);
  await recordFeatureUse(
    { tenantId, userId: actor.userId, app: options.feature.app, featureKey: options.feature.key, at },
    tx,
  );
}
