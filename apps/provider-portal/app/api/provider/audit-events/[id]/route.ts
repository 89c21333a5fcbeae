import { getAuditEventOrThrow } from "@pp/core/audit/get-audit-event-or-throw";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZAuditEventParams } from "../schema";

// GET /api/provider/audit-events/[id] – one audit event with before/after and metadata.
export const GET = compose(
  { route: "/api/provider/audit-events/[id]" },
  withProviderAuth("audit:read"),
  withInput({ params: ZAuditEventParams }),
)(async ({ params }) => json(await getAuditEventOrThrow({ id: params.id })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
