import { waitOnCustomer } from "@pp/core/incidents/wait-on-customer";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZIncidentIdParams, ZWaitOnCustomerBody } from "../schema";

// POST /api/provider/incidents/[id]/wait-on-customer – ask the customer for something; pauses the resolve clock until they reply.
export const POST = compose(
  { route: "/api/provider/incidents/[id]/wait-on-customer" },
  withProviderAuth("incidents:write"),
  withIdempotency(),
  withInput({ params: ZIncidentIdParams, body: ZWaitOnCustomerBody }),
)(async (ctx) =>
  json(
    await waitOnCustomer({ ...ctx.body, incidentId: ctx.params.id, actor: ctx.actor, context: auditContextOf(ctx) }),
  ),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
