import { getAuditEventOrThrow } from "@pp/core/audit/get-audit-event-or-throw";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZAuditEventParams } from "../schema";

// GET /api/provider/audit-events/[id] – one audit event with before/after and metadata.
export const GET = compose(
  { route: "/api/provider/audit-events/[id]" },
  withProviderAuth("audit:read"),
  withInput({ params: ZAuditEventParams }),
)(async ({ params }) => json(await getAuditEventOrThrow({ id: params.id })));
