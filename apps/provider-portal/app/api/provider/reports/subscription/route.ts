import { getReportSubscription } from "@pp/core/reports/get-report-subscription";
import { saveReportSubscription } from "@pp/core/reports/save-report-subscription";
import { cancelReportSubscription } from "@pp/core/reports/unsubscribe-from-reports";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZReportSubscriptionBody } from "./schema";

const route = "/api/provider/reports/subscription";

// GET /api/provider/reports/subscription – the signed-in staff member's digest schedule and its next send time.
export const GET = compose(
  { route },
  withProviderAuth("revenue:read"),
)(async (ctx) => json(await getReportSubscription({ userId: ctx.actor.userId })));

// PUT /api/provider/reports/subscription – subscribe to the weekly or monthly digest, or change its schedule; audited.
export const PUT = compose(
  { route },
  withProviderAuth("revenue:read"),
  withInput({ body: ZReportSubscriptionBody }),
)(async (ctx) => {
  await saveReportSubscription({ actor: ctx.actor, input: ctx.body, context: auditContextOf(ctx) });
  return json(await getReportSubscription({ userId: ctx.actor.userId }));
});

// DELETE /api/provider/reports/subscription – stop the digest; audited.
export const DELETE = compose(
  { route },
  withProviderAuth("revenue:read"),
)(async (ctx) => json(await cancelReportSubscription({ actor: ctx.actor, context: auditContextOf(ctx) })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { HEAD, POST, PATCH, OPTIONS } = methodNotAllowed({ GET, PUT, DELETE });
