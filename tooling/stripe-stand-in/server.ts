import { createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for the few Stripe HTTP endpoints the product calls, so tests run the real
 * `stripe` SDK (pointed here with STRIPE_API_BASE) against real HTTP, and receive webhooks signed
 * with Stripe's own scheme (`t=…,v1=HMAC-SHA256(secret, "t.body")`). Not a Stripe emulator: only
 * what core/payments uses — customers, Checkout in setup mode (with a trivial hosted page), setup
 * intents, payment methods, PaymentIntents with idempotency keys and a test-card table, and refunds
 * of their charges (with `charge.refunded`).
 */

/** The stand-in's test cards (the number typed on its Checkout page) and what charging them does. */
export const TEST_CARDS = {
  "4242424242424242": { brand: "visa", behaviour: "succeed" },
  "4000000000009995": { brand: "visa", behaviour: "insufficient_funds" },
  // Declined (insufficient funds) the first time it is charged, then paid: a retry that recovers.
  "4000000000000341": { brand: "mastercard", behaviour: "fail_then_succeed" },
} as const;
export type TestCardNumber = keyof typeof TEST_CARDS;

type StripeObject = Record<string, unknown> & { id: string; object: string };
export type StandInEvent = { id: string; type: string; created: number; payload: string };

export type StandInOptions = {
  /** The webhook signing secret the product verifies with (STRIPE_WEBHOOK_SECRET). */
  webhookSecret: string;
  /** Where signed events are POSTed (the portal's /api/webhooks/stripe); unset: kept, not sent. */
  webhookUrl?: string;
  /** Send each event as it happens (default), or keep them for the test to deliver in its own order. */
  autoDeliver?: boolean;
};

export type StripeStandIn = Awaited<ReturnType<typeof startStripeStandIn>>;

export async function startStripeStandIn(options: StandInOptions) {
  const objects = new Map<string, StripeObject>();
  const idempotent = new Map<string, { status: number; body: string }>();
  const charges = new Map<string, number>();
  const events: StandInEvent[] = [];
  /** Every /v1 request, for tests that count what reached "Stripe". */
  const requests: { method: string; path: string; idempotencyKey?: string }[] = [];
  const state = {
    offline: false as boolean | "answer_lost",
    autoDeliver: options.autoDeliver ?? true,
    webhookUrl: options.webhookUrl,
  };
  const now = () => Math.floor(Date.now() / 1000);
  const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;
  let base = "";

  function signature(payload: string, timestamp = now(), secret = options.webhookSecret): string {
    const v1 = createHmac("sha256", secret).update(`${timestamp}.${payload}`).digest("hex");
    return `t=${timestamp},v1=${v1}`;
  }

  async function deliver(event: StandInEvent, override?: { signature?: string }): Promise<Response> {
    if (!state.webhookUrl) throw new Error("the stand-in has no webhook URL");
    return fetch(state.webhookUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "stripe-signature": override?.signature ?? signature(event.payload),
      },
      body: event.payload,
    });
  }

  function emit(type: string, object: StripeObject): StandInEvent {
    const created = now();
    const id = newId("evt");
    const payload = JSON.stringify({
      id,
      object: "event",
      api_version: "2025-01-01",
      created,
      livemode: false,
      pending_webhooks: 1,
      type,
      data: { object: structuredClone(object) },
    });
    const event = { id, type, created, payload };
    events.push(event);
    if (state.autoDeliver && state.webhookUrl) void deliver(event).catch(() => undefined);
    return event;
  }

  function store<T extends StripeObject>(object: T): T {
    objects.set(object.id, object);
    return object;
  }

  /** Replaces ids by their objects along `expand[]` paths ("setup_intent.payment_method"). */
  function expanded(object: StripeObject, paths: string[]): StripeObject {
    const copy = structuredClone(object) as Record<string, unknown>;
    for (const path of paths) {
      let node: Record<string, unknown> | undefined = copy;
      const keys = path.split(".");
      for (const [index, key] of keys.entries()) {
        if (!node) break;
        const value = node[key];
        if (typeof value === "string" && objects.has(value)) node[key] = structuredClone(objects.get(value));
        if (index < keys.length - 1) node = node[key] as Record<string, unknown> | undefined;
      }
    }
    return copy as StripeObject;
  }

  function cardError(intent: StripeObject, declineCode: string) {
    return {
      error: {
        type: "card_error",
        code: "card_declined",
        decline_code: declineCode,
        message: "Your card was declined.",
        payment_intent: intent,
      },
    };
  }

  function createPaymentIntent(params: Params): { status: number; body: unknown } {
    const paymentMethod = objects.get(String(params.payment_method ?? ""));
    const intent: StripeObject = {
      id: newId("pi"),
      object: "payment_intent",
      amount: Number(params.amount),
      amount_received: 0,
      currency: String(params.currency ?? "usd"),
      customer: params.customer ?? null,
      payment_method: paymentMethod?.id ?? null,
      description: params.description ?? null,
      metadata: params.metadata ?? {},
      status: "requires_payment_method",
      last_payment_error: null,
      created: now(),
      livemode: false,
    };
    if (!paymentMethod) {
      return {
        status: 400,
        body: { error: { type: "invalid_request_error", code: "resource_missing", message: "No such PaymentMethod" } },
      };
    }
    const number = (paymentMethod.card as { number: TestCardNumber }).number;
    const times = (charges.get(paymentMethod.id) ?? 0) + 1;
    charges.set(paymentMethod.id, times);
    const behaviour = TEST_CARDS[number].behaviour;
    const declines = behaviour === "insufficient_funds" || (behaviour === "fail_then_succeed" && times === 1);
    if (declines) {
      intent.last_payment_error = { type: "card_error", code: "card_declined", decline_code: "insufficient_funds" };
      store(intent);
      emit("payment_intent.payment_failed", intent);
      return { status: 402, body: cardError(intent, "insufficient_funds") };
    }
    intent.status = "succeeded";
    intent.amount_received = intent.amount;
    const charge = store({
      id: newId("ch"),
      object: "charge",
      amount: intent.amount,
      amount_captured: intent.amount,
      amount_refunded: 0,
      refunded: false,
      currency: intent.currency,
      customer: intent.customer,
      payment_intent: intent.id,
      payment_method: intent.payment_method,
      status: "succeeded",
      refunds: { object: "list", data: [], has_more: false },
      created: now(),
    });
    intent.latest_charge = charge.id;
    store(intent);
    emit("payment_intent.succeeded", intent);
    return { status: 200, body: intent };
  }

  /** A refund of (part of) a succeeded charge, named by its PaymentIntent or charge; `charge.refunded` follows. */
  function createRefund(params: Params): { status: number; body: unknown } {
    const intent = params.payment_intent ? objects.get(String(params.payment_intent)) : undefined;
    const charge = objects.get(String(params.charge ?? intent?.latest_charge ?? ""));
    if (charge?.object !== "charge") {
      return {
        status: 400,
        body: { error: { type: "invalid_request_error", code: "resource_missing", message: "No such charge" } },
      };
    }
    const remaining = Number(charge.amount) - Number(charge.amount_refunded);
    const amount = params.amount === undefined ? remaining : Number(params.amount);
    if (remaining === 0) {
      return {
        status: 400,
        body: {
          error: {
            type: "invalid_request_error",
            code: "charge_already_refunded",
            message: `Charge ${charge.id} has already been refunded.`,
          },
        },
      };
    }
    if (!Number.isInteger(amount) || amount <= 0 || amount > remaining) {
      return {
        status: 400,
        body: {
          error: {
            type: "invalid_request_error",
            code: "amount_too_large",
            message: `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`,
          },
        },
      };
    }
    const refund = store({
      id: newId("re"),
      object: "refund",
      amount,
      charge: charge.id,
      payment_intent: charge.payment_intent,
      currency: charge.currency,
      metadata: params.metadata ?? {},
      reason: params.reason ?? null,
      status: "succeeded",
      created: now(),
    });
    const refunded = Number(charge.amount_refunded) + amount;
    const list = charge.refunds as { data: StripeObject[] };
    Object.assign(charge, {
      amount_refunded: refunded,
      refunded: refunded === Number(charge.amount),
      refunds: { ...list, data: [structuredClone(refund), ...list.data] },
    });
    emit("charge.refunded", charge);
    return { status: 200, body: refund };
  }

  function api(method: string, path: string, params: Params): { status: number; body: unknown } {
    const segments = path.split("/").filter(Boolean).slice(1);
    const [resource, id, action] = segments;
    const expand = Object.values((params.expand as Record<string, string> | undefined) ?? {});
    const found = (prefix: string) => {
      const object = id ? objects.get(id) : undefined;
      return object?.id.startsWith(prefix) ? object : undefined;
    };
    const missing = { status: 404, body: { error: { type: "invalid_request_error", code: "resource_missing" } } };
    if (resource === "customers" && method === "POST" && !id) {
      const customer = store({
        id: newId("cus"),
        object: "customer",
        name: params.name ?? null,
        email: params.email ?? null,
        metadata: params.metadata ?? {},
        invoice_settings: { default_payment_method: null },
        created: now(),
      });
      return { status: 200, body: customer };
    }
    if (resource === "customers" && method === "GET")
      return found("cus") ? { status: 200, body: found("cus") } : missing;
    if (resource === "checkout" && id === "sessions" && method === "POST" && !action) {
      const intent = store({
        id: newId("seti"),
        object: "setup_intent",
        customer: params.customer ?? null,
        payment_method: null,
        status: "requires_payment_method",
        metadata: (params.setup_intent_data as Params | undefined)?.metadata ?? {},
        created: now(),
      });
      const sessionId = newId("cs_test");
      const session = store({
        id: sessionId,
        object: "checkout.session",
        mode: params.mode,
        customer: params.customer ?? null,
        currency: params.currency ?? null,
        client_reference_id: params.client_reference_id ?? null,
        metadata: params.metadata ?? {},
        setup_intent: intent.id,
        status: "open",
        success_url: params.success_url,
        cancel_url: params.cancel_url,
        url: `${base}/checkout/${sessionId}`,
        created: now(),
      });
      return { status: 200, body: session };
    }
    if (resource === "checkout" && id === "sessions" && method === "GET" && action) {
      const session = objects.get(action);
      return session ? { status: 200, body: expanded(session, expand) } : missing;
    }
    if (resource === "setup_intents" && method === "GET") {
      const intent = found("seti");
      return intent ? { status: 200, body: expanded(intent, expand) } : missing;
    }
    if (resource === "payment_methods" && method === "GET") {
      const paymentMethod = found("pm");
      return paymentMethod ? { status: 200, body: publicPaymentMethod(paymentMethod) } : missing;
    }
    if (resource === "payment_intents" && method === "POST" && !id) return createPaymentIntent(params);
    if (resource === "payment_intents" && method === "GET")
      return found("pi") ? { status: 200, body: found("pi") } : missing;
    if (resource === "refunds" && method === "POST" && !id) return createRefund(params);
    if (resource === "refunds" && method === "GET" && id)
      return found("re") ? { status: 200, body: found("re") } : missing;
    if (resource === "refunds" && method === "GET") {
      const data = [...objects.values()].filter(
        (object) =>
          object.object === "refund" &&
          (!params.charge || object.charge === params.charge) &&
          (!params.payment_intent || object.payment_intent === params.payment_intent),
      );
      return { status: 200, body: { object: "list", data: data.reverse(), has_more: false, url: "/v1/refunds" } };
    }
    if (resource === "charges" && method === "GET") return found("ch") ? { status: 200, body: found("ch") } : missing;
    return {
      status: 404,
      body: { error: { type: "invalid_request_error", message: `${method} ${path} is not stood in` } },
    };
  }

  /** The stand-in's hosted Checkout: pick a test card, "Save card", back to success_url. */
  function checkoutPage(session: StripeObject): string {
    const options = Object.keys(TEST_CARDS)
      .map((number) => `<option value="${number}">${number}</option>`)
      .join("");
    return `<!doctype html><html><head><title>Stripe Checkout (stand-in)</title></head><body>
<h1>Save a card</h1><form method="post" action="/checkout/${session.id}">
<label>Card number <select name="number">${options}</select></label>
<label>Expiry month <input name="exp_month" value="12"></label>
<label>Expiry year <input name="exp_year" value="2030"></label>
<button type="submit">Save card</button></form>
<a href="${String(session.cancel_url)}">Cancel</a></body></html>`;
  }

  /** Completes a Checkout session with a card: what the customer does on Stripe's page. */
  function completeCheckout(sessionId: string, card: { number: TestCardNumber; expMonth: number; expYear: number }) {
    const session = objects.get(sessionId);
    if (!session) throw new Error(`no checkout session ${sessionId}`);
    const intent = objects.get(String(session.setup_intent));
    if (!intent) throw new Error("the session has no setup intent");
    const paymentMethod = store({
      id: newId("pm"),
      object: "payment_method",
      type: "card",
      customer: session.customer,
      card: {
        brand: TEST_CARDS[card.number].brand,
        last4: card.number.slice(-4),
        exp_month: card.expMonth,
        exp_year: card.expYear,
        number: card.number,
      },
      created: now(),
    });
    Object.assign(intent, { status: "succeeded", payment_method: paymentMethod.id, created: now() });
    Object.assign(session, { status: "complete" });
    emit("setup_intent.succeeded", intent);
    emit("checkout.session.completed", session);
    return String(session.success_url).replace("{CHECKOUT_SESSION_ID}", session.id);
  }

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://stand-in");
    const body = await readBody(request);
    try {
      if (url.pathname.startsWith("/v1/")) {
        const key = header(request, "idempotency-key");
        requests.push({ method: request.method ?? "GET", path: url.pathname, idempotencyKey: key });
        // "Stripe is down": the connection drops before any answer, as a network failure would.
        if (state.offline === true) return void request.socket.destroy();
        const params = parseForm(request.method === "GET" ? url.search.slice(1) : body);
        const replayKey = key && `${request.method} ${url.pathname} ${key}`;
        const replay = replayKey ? idempotent.get(replayKey) : undefined;
        if (replay && state.offline === "answer_lost") return void request.socket.destroy();
        if (replay) return send(response, replay.status, replay.body, { "idempotent-replayed": "true" });
        const result = api(request.method ?? "GET", url.pathname, params);
        const text = JSON.stringify(result.body);
        if (replayKey) idempotent.set(replayKey, { status: result.status, body: text });
        // Stripe did the work but the answer never arrived: only the idempotency key saves a double charge.
        if (state.offline === "answer_lost") return void request.socket.destroy();
        return send(response, result.status, text);
      }
      const checkout = url.pathname.match(/^\/checkout\/([\w-]+)$/);
      const session = checkout?.[1] ? objects.get(checkout[1]) : undefined;
      if (session && request.method === "GET") {
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        return void response.end(checkoutPage(session));
      }
      if (session && request.method === "POST") {
        const form = new URLSearchParams(body);
        const number = (form.get("number") ?? "4242424242424242") as TestCardNumber;
        const location = completeCheckout(session.id, {
          number: number in TEST_CARDS ? number : "4242424242424242",
          expMonth: Number(form.get("exp_month") ?? 12),
          expYear: Number(form.get("exp_year") ?? 2030),
        });
        response.writeHead(303, { location });
        return void response.end();
      }
      send(response, 404, JSON.stringify({ error: { message: "not found" } }));
    } catch (error) {
      send(response, 500, JSON.stringify({ error: { message: String(error) } }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    /** STRIPE_API_BASE for the product. */
    url: base,
    events,
    requests,
    signature,
    deliver,
    completeCheckout,
    /** The stand-in's record of an object (a payment method's card keeps its test number here). */
    object: (id: string) => objects.get(id),
    /** Every PaymentIntent "Stripe" created: the charges that really happened. */
    paymentIntents: () => [...objects.values()].filter((object) => object.object === "payment_intent"),
    /** Every refund "Stripe" made: the money that really went back to a card. */
    refunds: () => [...objects.values()].filter((object) => object.object === "refund"),
    /** true: requests never arrive; "answer_lost": they are carried out but the answer never comes back. */
    setOffline(offline: boolean | "answer_lost") {
      state.offline = offline;
    },
    setAutoDeliver(autoDeliver: boolean) {
      state.autoDeliver = autoDeliver;
    },
    setWebhookUrl(url: string) {
      state.webhookUrl = url;
    },
    /** Any event, signed and sent like the real ones (e.g. a chargeback, which tests cannot cause). */
    emit,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A payment method as Stripe shows it: never the card number. */
function publicPaymentMethod(paymentMethod: StripeObject): StripeObject {
  const { number: _number, ...card } = paymentMethod.card as Record<string, unknown>;
  return { ...paymentMethod, card };
}

type Params = Record<string, unknown>;

/** Stripe's form encoding: `metadata[invoiceId]=…`, `expand[0]=…` → nested objects. */
export function parseForm(text: string): Params {
  const root: Params = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.replace(/\]/g, "").split("[");
    let node = root;
    for (const [index, part] of path.entries()) {
      if (index === path.length - 1) node[part] = value;
      else {
        node[part] ??= {};
        node = node[part] as Params;
      }
    }
  }
  return root;
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function send(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  response.writeHead(status, { "content-type": "application/json", "request-id": `req_${Date.now()}`, ...headers });
  response.end(body);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
