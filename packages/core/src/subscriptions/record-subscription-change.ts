import type { Executor } from "@pp/db";
import type { FeatureKey } from "@pp/db/feature-keys";
import { activities, type MRR_MOVEMENTS, subscriptionEvents, type tenants } from "@pp/db/schema";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { billingContactOf } from "../billing/billing-contact";
import { enqueueEmail } from "../email/enqueue-email";
import { recordFeatureUse } from "../usage/record-feature-use";

export type SubscriptionChangeRecord = {
  tx: Executor;
  tenant: typeof tenants.$inferSelect;
  subscriptionId: string;
  actor: StaffActor;
  now: Date;
  context?: AuditContext;
  /** The ledger row, when the change moves MRR (omitted for e.g. withdrawing a scheduled change). */
  movement?: {
    type: (typeof MRR_MOVEMENTS)[number];
    fromPlanId: string | null;
    toPlanId: string | null;
    mrrBeforeCents: number;
    mrrAfterCents: number;
    effectiveAt: Date;
  };
  action: string;
  featureKey: FeatureKey;
  title: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  /** The email to the tenant's billing contact (skipped when the tenant has none). */
  email: { subject: string; lines: string[] };
};

/**
 * Everything a subscription change writes beside the subscription row, in the same transaction:
 * its MRR ledger movement, a timeline entry, the audit event, the feature use and the email to the
 * tenant. Returns the ledger row's id.
 */
export async function recordSubscriptionChange(input: SubscriptionChangeRecord): Promise<string | null> {
  const { tx, tenant, subscriptionId, actor, now } = input;
  let eventId: string | null = null;
  if (input.movement) {
    const [event] = await tx
      .insert(subscriptionEvents)
      .values({ tenantId: tenant.id, subscriptionId, ...input.movement, createdAt: now })
      .returning({ id: subscriptionEvents.id });
    eventId = event?.id ?? null;
  }
  await tx.insert(activities).values({
    tenantId: tenant.id,
    kind: "system",
    title: input.title,
    actorId: actor.userId,
    relatedType: "subscription",
    relatedId: subscriptionId,
    metadata: { ...input.metadata, movement: input.movement?.type ?? null },
    at: now,
  });
  await recordAuditEvent(
    {
      actor,
      action: input.action,
      tenantId: tenant.id,
      target: { type: "subscription", id: subscriptionId },
      before: input.before,
      after: input.after,
      metadata: { ...input.metadata, movement: input.movement ?? null },
      context: input.context,
    },
    tx,
  );
  await recordFeatureUse(
    {
      tenantId: tenant.id,
      userId: actor.userId,
      app: "portal",
      featureKey: input.featureKey,
      metadata: { subscriptionId },
      at: now,
    },
    tx,
  );
  const to = billingContactOf(tenant);
  if (to) {
    await enqueueEmail(
      {
        to,
        subject: input.email.subject,
        text: [`Hello ${tenant.contactName ?? tenant.name},`, "", ...input.email.lines].join("\n"),
        kind: "subscription_changed",
        tenantId: tenant.id,
        related: { type: "subscription", id: subscriptionId },
      },
      tx,
    );
  }
  return eventId;
}
