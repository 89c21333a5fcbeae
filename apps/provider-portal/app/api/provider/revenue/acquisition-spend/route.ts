import { setAcquisitionSpend } from "@pp/core/revenue/set-acquisition-spend";
import { auditContextOf } from "@pp/http/audit-context";
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
