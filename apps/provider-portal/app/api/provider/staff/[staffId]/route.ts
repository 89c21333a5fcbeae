import { changeStaffRole, ZChangeStaffRole } from "@pp/core/staff/change-staff-role";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZStaffParams } from "../schema";

// PATCH /api/provider/staff/[staffId] – change a staff member's role (never your own, never the last admin's).
export const PATCH = compose(
  { route: "/api/provider/staff/[staffId]" },
  withProviderAuth("staff:manage"),
  withInput({ params: ZStaffParams, body: ZChangeStaffRole }),
)(async ({ params, body, actor, ...ctx }) =>
  json(await changeStaffRole({ actor, staffMemberId: params.staffId, role: body.role, context: auditContextOf(ctx) })),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, POST, PUT, DELETE, OPTIONS } = methodNotAllowed({ PATCH });
