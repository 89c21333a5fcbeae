import { db } from "@pp/db";
import { webhookEvents } from "@pp/db/schema";
import { env } from "@pp/env";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectStripeStandIn, disconnectStripeStandIn } from "../../../../../../tooling/stripe-stand-in/connect";
import type { StripeStandIn } from "../../../../../../tooling/stripe-stand-in/server";
import { POST } from "./route";

const SECRET = "whsec_route_test_secret";
let stripe: StripeStandIn;

beforeAll(async () => {
  stripe = await connectStripeStandIn(SECRET);
});

afterAll(async () => {
  await disconnectStripeStandIn(stripe);
});

// Stripe's servers call this: no cookie and no Origin of ours, only the signature.
function post(body: string, signature?: string) {
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
  if (signature) headers["stripe-signature"] = signature;
  return POST(new Request(`${env().portalUrl}/api/webhooks/stripe`, { method: "POST", headers, body }), {
    params: Promise.resolve({}),
  });
}

const storedCount = async (id: string) =>
  (await db.select().from(webhookEvents).where(eq(webhookEvents.id, id))).length;

describe("POST /api/webhooks/stripe", () => {
  it("400 for a bad signature, with nothing stored", async () => {
    const event = stripe.emit("customer.updated", { id: "cus_route", object: "customer" });
    const forged = await post(event.payload, stripe.signature(event.payload, undefined, "whsec_forger"));
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe("validation_failed");
    expect((await post(event.payload)).status).toBe(400);
    expect(await storedCount(event.id)).toBe(0);
  });

  it("stores a signed event once: the replay is answered 200 and changes nothing", async () => {
    const event = stripe.emit("charge.dispute.created", { id: "dp_route", object: "dispute" });
    const first = await post(event.payload, stripe.signature(event.payload));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, duplicate: false });
    const again = await post(event.payload, stripe.signature(event.payload));
    expect(await again.json()).toEqual({ received: true, duplicate: true });
    expect(await storedCount(event.id)).toBe(1);
    const [row] = await db.select().from(webhookEvents).where(eq(webhookEvents.id, event.id));
    expect(row).toMatchObject({ source: "stripe", type: "charge.dispute.created", status: "pending" });
  });
});
