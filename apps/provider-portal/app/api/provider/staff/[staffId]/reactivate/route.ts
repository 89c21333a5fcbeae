import { reactivateStaff } from "@pp/core/staff/reactivate-staff";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZStaffParams } from "../../schema";

// POST /api/provider/staff/[staffId]/reactivate – give a deactivated staff member their access back.
export const POST = compose(
  { route: "/api/provider/staff/[staffId]/reactivate" },
  withProviderAuth("staff:manage"),
  withInput({ params: ZStaffParams }),
)(async ({ params, actor, ...ctx }) =>
  json(await reactivateStaff({ actor, staffMemberId: params.staffId, context: auditContextOf(ctx) })),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
