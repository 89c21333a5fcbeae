import { deactivateStaff } from "@pp/core/staff/deactivate-staff";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZStaffParams } from "../../schema";

// POST /api/provider/staff/[staffId]/deactivate – end a staff member's portal access and sessions at once.
export const POST = compose(
  { route: "/api/provider/staff/[staffId]/deactivate" },
  withProviderAuth("staff:manage"),
  withInput({ params: ZStaffParams }),
)(async ({ params, actor, ...ctx }) =>
  json(await deactivateStaff({ actor, staffMemberId: params.staffId, context: auditContextOf(ctx) })),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
