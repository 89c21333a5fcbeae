import type { Executor } from "@pp/db";
import { invoices, subscriptions, tenants } from "@pp/db/schema";
import { and, count, eq, gt, isNull } from "drizzle-orm";

/**
 * After an invoice is paid (or written off): a past-due subscription and client are active again only
 * when no other uncollectible invoice of the client is still owed. Returns whether it restored them.
 */
export async function restoreStandingIfSettled(
  tx: Executor,
  input: { tenantId: string; subscriptionId: string | null; now: Date },
): Promise<boolean> {
  const { tenantId, now } = input;
  const [owed] = await tx
    .select({ n: count() })
    .from(invoices)
    .where(
      and(
        eq(invoices.tenantId, tenantId),
        eq(invoices.status, "uncollectible"),
        isNull(invoices.writtenOffAt),
        gt(invoices.amountDueCents, 0),
      ),
    );
  if ((owed?.n ?? 0) > 0) return false;
  if (input.subscriptionId) {
    await tx
      .update(subscriptions)
      .set({ status: "active", updatedAt: now })
      .where(
        and(
          eq(subscriptions.id, input.subscriptionId),
          eq(subscriptions.tenantId, tenantId),
          eq(subscriptions.status, "past_due"),
        ),
      );
  }
  const restored = await tx
    .update(tenants)
    .set({ status: "active", updatedAt: now })
    .where(and(eq(tenants.id, tenantId), eq(tenants.status, "past_due")))
    .returning({ id: tenants.id });
  return restored.length > 0;
}
