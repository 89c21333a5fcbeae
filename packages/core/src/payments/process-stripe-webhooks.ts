import { db } from "@pp/db";
import { webhookEvents } from "@pp/db/schema";
import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";
import { rootLogger } from "../logger";
import { type Stripe, stripeClient } from "./stripe-client";
import { STRIPE_EVENT_HANDLERS } from "./stripe-event-handlers";

/** A failing event is tried this many times (one per job run), then left failed for a person to look at. */
export const MAX_WEBHOOK_ATTEMPTS = 5;
const BATCH = 100;

export type ProcessStripeWebhooksResult = { processed: number; ignored: number; failed: number };

/**
 * The payments.stripe-webhooks job: applies stored Stripe events oldest first, each in its own
 * transaction with its row locked (two workers never apply one event). Each handler is idempotent and
 * checks the current state, so a replay or an out-of-order event changes nothing it should not.
 */
export async function processStripeWebhooks(): Promise<ProcessStripeWebhooksResult> {
  const result: ProcessStripeWebhooksResult = { processed: 0, ignored: 0, failed: 0 };
  const stripe = stripeClient();
  if (!stripe) return result;
  const waiting = await db
    .select({ id: webhookEvents.id })
    .from(webhookEvents)
    .where(
      and(
        eq(webhookEvents.source, "stripe"),
        inArray(webhookEvents.status, ["pending", "failed"]),
        lt(webhookEvents.attempts, MAX_WEBHOOK_ATTEMPTS),
      ),
    )
    .orderBy(asc(webhookEvents.eventCreatedAt), asc(webhookEvents.receivedAt))
    .limit(BATCH);
  for (const { id } of waiting) {
    try {
      const outcome = await db.transaction(async (tx) => {
        const [row] = await tx
          .select()
          .from(webhookEvents)
          .where(and(eq(webhookEvents.id, id), inArray(webhookEvents.status, ["pending", "failed"])))
          .for("update", { skipLocked: true });
        if (!row) return undefined;
        const event = row.payload as Stripe.Event;
        const handler = STRIPE_EVENT_HANDLERS[event.type];
        const status = handler ? await handler({ event, stripe, tx }) : "ignored";
        await tx
          .update(webhookEvents)
          .set({ status, attempts: row.attempts + 1, lastError: null, processedAt: new Date() })
          .where(eq(webhookEvents.id, id));
        return status;
      });
      if (outcome) result[outcome] += 1;
    } catch (error) {
      result.failed += 1;
      rootLogger().error({ err: error, eventId: id }, "Stripe webhook event failed; retried on the next run");
      await db
        .update(webhookEvents)
        .set({
          status: "failed",
          attempts: sql`${webhookEvents.attempts} + 1`,
          lastError: error instanceof Error ? error.message.slice(0, 500) : "failed",
        })
        .where(eq(webhookEvents.id, id));
    }
  }
  return result;
}
