import { db, type Executor } from "@pp/db";
import { tenants } from "@pp/db/schema";
import { env } from "@pp/env";
import { eq } from "drizzle-orm";
import { type AuditContext, type AuditEventInput, recordAuditEvent } from "../audit/record-audit-event";
import { AppError } from "../errors";
import { ensureStripeCustomer } from "./ensure-stripe-customer";
import { isStripeUnreachable, stripeClient } from "./stripe-client";

export type StartCardSetupOptions = {
  tenantId: string;
  actor: AuditEventInput["actor"];
  context?: AuditContext;
};

/** Card payments switched off (no STRIPE_SECRET_KEY): the routes answer 404, as if they did not exist. */
export function cardPaymentsOff(): AppError {
  return new AppError("not_found", "Card payments are not enabled");
}

/**
 * Add or replace a card: a Stripe Checkout session in setup mode for the tenant's customer. The
 * browser goes to Stripe's page (no card data touches our servers) and comes back to the tenant
 * app's own URLs — built from TENANT_APP_URL, never from anything the request carried.
 */
export async function startCardSetup(
  options: StartCardSetupOptions,
  executor: Executor = db,
): Promise<{ url: string }> {
  const stripe = stripeClient();
  if (!stripe) throw cardPaymentsOff();
  const [tenant] = await executor.select().from(tenants).where(eq(tenants.id, options.tenantId));
  if (!tenant) throw new AppError("not_found", "Client not found");
  const back = `${env().tenantAppUrl}/t/${encodeURIComponent(tenant.slug)}`;
  try {
    const customer = await ensureStripeCustomer({ stripe, tenantId: tenant.id }, executor);
    const session = await stripe.checkout.sessions.create({
      mode: "setup",
      customer: customer.customerId,
      currency: tenant.currency.toLowerCase(),
      client_reference_id: tenant.id,
      metadata: { tenantId: tenant.id },
      setup_intent_data: { metadata: { tenantId: tenant.id } },
      success_url: `${env().tenantAppUrl}/api/t/${encodeURIComponent(tenant.slug)}/billing/card/return?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${back}/billing?card=canceled`,
    });
    if (!session.url) throw new Error("Stripe returned a Checkout session without a URL");
    await recordAuditEvent(
      {
        actor: options.actor,
        action: "payment_method.setup_started",
        tenantId: tenant.id,
        target: { type: "tenant", id: tenant.id },
        after: { checkoutSessionId: session.id },
        context: options.context,
      },
      executor,
    );
    return { url: session.url };
  } catch (error) {
    if (isStripeUnreachable(error)) {
      throw new AppError("unavailable", "Stripe could not be reached — try again in a minute", { cause: error });
    }
    throw error;
  }
}
