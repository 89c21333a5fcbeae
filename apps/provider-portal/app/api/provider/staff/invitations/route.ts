import { inviteStaff, ZInviteStaff } from "@pp/core/staff/invite-staff";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, created, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";

// POST /api/provider/staff/invitations – invite (or re-invite) someone by email with a role; emails a 7-day link.
export const POST = compose(
  { route: "/api/provider/staff/invitations" },
  withProviderAuth("staff:manage"),
  withIdempotency(),
  withInput({ body: ZInviteStaff }),
)(async ({ body, actor, ...ctx }) => created(await inviteStaff({ ...body, actor, context: auditContextOf(ctx) })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
