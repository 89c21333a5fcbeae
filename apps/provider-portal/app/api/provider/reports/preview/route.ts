import { getDigestPreview } from "@pp/core/reports/get-digest-preview";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withProviderAuth } from "@/lib/kit";

// GET /api/provider/reports/preview – the next digest as it will be emailed (subject, HTML, text, CSV names), with today's figures.
export const GET = compose(
  { route: "/api/provider/reports/preview" },
  withProviderAuth("revenue:read"),
)(async (ctx) => json(await getDigestPreview({ userId: ctx.actor.userId })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
