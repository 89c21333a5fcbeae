import { setAcquisitionSpend } from "@pp/core/revenue/set-acquisition-spend";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZAcquisitionSpendBody } from "./schema";

// POST /api/provider/revenue/acquisition-spend – Record monthly acquisition spend per channel (one entry or a CSV), for LTV:CAC.
export const POST = compose(
  { route: "/api/provider/revenue/acquisition-spend" },
  withProviderAuth("billing:write"),
  withIdempotency(),
  withInput({ body: ZAcquisitionSpendBody }),
)(async (ctx) =>
  json(
    await setAcquisitionSpend({
      entries: "csv" in ctx.body ? { csv: ctx.body.csv } : [ctx.body],
      actor: ctx.actor,
      context: auditContextOf(ctx),
    }),
  ),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
