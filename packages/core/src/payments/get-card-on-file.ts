import { db, type Executor } from "@pp/db";
import { stripeCustomers } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { stripeSettings } from "./stripe-client";

export type CardOnFile = { brand: string; last4: string; expMonth: number; expYear: number };

/**
 * What the Billing pages show about card payments: `enabled` false when Stripe is not configured
 * (the pages then show nothing of it), and the tenant's card, if one is saved.
 */
export async function getCardOnFile(
  options: { tenantId: string },
  executor: Executor = db,
): Promise<{ enabled: boolean; card: CardOnFile | null }> {
  if (!stripeSettings()) return { enabled: false, card: null };
  const [row] = await executor.select().from(stripeCustomers).where(eq(stripeCustomers.tenantId, options.tenantId));
  if (!row?.paymentMethodId || !row.cardLast4) return { enabled: true, card: null };
  return {
    enabled: true,
    card: {
      brand: row.cardBrand ?? "card",
      last4: row.cardLast4,
      expMonth: row.cardExpMonth ?? 0,
      expYear: row.cardExpYear ?? 0,
    },
  };
}
