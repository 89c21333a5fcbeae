import { db, type Executor } from "@pp/db";
import { stripeCustomers, tenants } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { billingContactOf } from "../billing/billing-contact";
import { AppError } from "../errors";
import type { Stripe } from "./stripe-client";

/**
 * The tenant's Stripe customer, created the first time and reused ever after. The idempotency key
 * makes two simultaneous first calls get the same customer from Stripe; the unique tenant column
 * keeps one link either way.
 */
export async function ensureStripeCustomer(
  options: { stripe: Stripe; tenantId: string },
  executor: Executor = db,
): Promise<typeof stripeCustomers.$inferSelect> {
  const { stripe, tenantId } = options;
  const [linked] = await executor.select().from(stripeCustomers).where(eq(stripeCustomers.tenantId, tenantId));
  if (linked) return linked;
  const [tenant] = await executor.select().from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) throw new AppError("not_found", "Client not found");
  const customer = await stripe.customers.create(
    { name: tenant.name, email: billingContactOf(tenant) ?? undefined, metadata: { tenantId } },
    { idempotencyKey: `pp-customer-${tenantId}` },
  );
  await executor
    .insert(stripeCustomers)
    .values({ tenantId, customerId: customer.id })
    .onConflictDoNothing({ target: stripeCustomers.tenantId });
  const [row] = await executor.select().from(stripeCustomers).where(eq(stripeCustomers.tenantId, tenantId));
  if (!row) throw new Error("stripe customer link was not stored");
  return row;
}
